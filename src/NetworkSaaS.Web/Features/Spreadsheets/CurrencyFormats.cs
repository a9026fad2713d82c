using System.Collections.Frozen;
using System.Globalization;

namespace NetworkSaaS.Web.Features.Spreadsheets;

/// <summary>Number formats for amounts: as many decimals as the currency has (JPY none, USD two).</summary>
public static class CurrencyFormats
{
    private static readonly FrozenDictionary<string, int> Digits = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => (Region: TryRegion(c), c.NumberFormat.CurrencyDecimalDigits))
        .Where(x => x.Region is not null)
        .GroupBy(x => x.Region!.ISOCurrencySymbol, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.First().CurrencyDecimalDigits, StringComparer.Ordinal);

    public static int DecimalDigits(string? currency) => currency is not null && Digits.TryGetValue(currency, out var digits) ? digits : 2;

    public static string NumberFormat(string? currency) => DecimalDigits(currency) == 0 ? "#,##0" : "#,##0." + new string('0', DecimalDigits(currency));

    private static RegionInfo? TryRegion(CultureInfo culture)
    {
        try
        {
            return new RegionInfo(culture.Name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
