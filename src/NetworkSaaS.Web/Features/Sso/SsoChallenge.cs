using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>
/// Sends the browser to the company's identity provider from a form post. The app's Content-Security-Policy
/// (form-action 'self') stops a form's redirect to another origin, so the handler's redirect becomes a page that
/// continues by itself (a Refresh header, plus a link) — a navigation, not a form submission.
/// </summary>
public static class SsoChallenge
{
    /// <returns>The provider's authorization URL the page continues to.</returns>
    /// <exception cref="InvalidOperationException">The provider's discovery document or keys could not be read.</exception>
    public static async Task<string> StartAsync(HttpContext context, string scheme, AuthenticationProperties properties)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.ChallengeAsync(scheme, properties).ConfigureAwait(false);
        var location = context.Response.Headers.Location.ToString();
        context.Response.Headers.Remove(HeaderNames.Location);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers["Refresh"] = $"0;url={location}";
        return location;
    }
}
