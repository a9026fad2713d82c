using NetworkSaaS.Core.Features.Tenancy;
using PhoneNumbers;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>E.164 forms of phone numbers (libphonenumber), read in the company's home region when not international.</summary>
public static class PhoneNumberForms
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static string RegionOf(ITenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant.TimeZoneId switch
        {
            "Asia/Tokyo" => "JP",
            "Europe/London" => "GB",
            "Asia/Singapore" => "SG",
            "Asia/Seoul" => "KR",
            "Asia/Shanghai" => "CN",
            "Australia/Sydney" => "AU",
            "Europe/Berlin" => "DE",
            _ when tenant.TimeZoneId.StartsWith("America/", StringComparison.Ordinal) => "US",
            _ => tenant.DefaultCulture == SupportedCultures.Japanese ? "JP" : "US",
        };
    }

    /// <summary>The E.164 form, or null when the text is not a possible phone number.</summary>
    public static string? ToE164(string raw, string region)
    {
        ArgumentNullException.ThrowIfNull(raw);
        // A leading apostrophe is how spreadsheets (and our CSV export) keep "+81…" from being read as a formula.
        var text = raw.Trim().TrimStart('\'');
        if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }

        try
        {
            var number = Util.Parse(text, region);
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
