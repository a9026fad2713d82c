using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Accounts.Passwords;

/// <summary>The words a page gives the strength meter (data-strength-words, one per line) besides its own inputs.</summary>
public static class PasswordMeter
{
    /// <summary>The company's ID and name, and the signed-in user's email and name when there is one.</summary>
    public static string Words(HttpContext context, params string?[] more)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = context.RequestServices.GetRequiredService<ITenantContextAccessor>().Tenant;
        var user = context.User.Identity?.IsAuthenticated == true ? context.User : null;
        string?[] words = [tenant?.Slug, tenant?.Name, user?.Identity?.Name, user?.FindFirst("display_name")?.Value, .. more];
        return string.Join('\n', words.Where(w => !string.IsNullOrWhiteSpace(w)));
    }
}
