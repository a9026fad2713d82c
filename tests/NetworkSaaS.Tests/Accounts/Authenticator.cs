using System.Net;
using System.Text.RegularExpressions;
using NetworkSaaS.Tests.Infrastructure;
using OtpNet;

namespace NetworkSaaS.Tests.Accounts;

/// <summary>
/// An authenticator app in the test: reads the key the enrollment page shows and computes RFC 6238 codes from it
/// (Otp.NET, not the app's own code). Each time step is handed out once, so no test depends on reusing a code.
/// </summary>
public sealed partial class Authenticator(string key)
{
    private readonly Totp _totp = new(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
    private readonly HashSet<long> _usedSteps = [];

    public string Key { get; } = key;

    [GeneratedRegex("id=\"authenticator-key\">([a-z2-7 ]+)</kbd>")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("class=\"col-6 col-md-4 recovery-code\">([^<]+)</li>")]
    private static partial Regex RecoveryCodeOnPage();

    /// <summary>A code of the current step, or of a neighbouring step (within the accepted window) if that one was used.</summary>
    public string NextCode()
    {
        var now = DateTime.UtcNow;
        foreach (var offset in new[] { 0, -1, 1 })
        {
            var at = now.AddSeconds(30 * offset);
            var step = new DateTimeOffset(at).ToUnixTimeSeconds() / 30;
            if (_usedSteps.Add(step))
            {
                return _totp.ComputeTotp(at);
            }
        }

        throw new InvalidOperationException("No unused time step near now.");
    }

    /// <summary>A code that is not valid now (from an hour ago).</summary>
    public string StaleCode() => _totp.ComputeTotp(DateTime.UtcNow.AddHours(-1));

    /// <summary>Enrolls the signed-in user of <paramref name="client"/> as a person would: start, read the key, prove a code.</summary>
    public static async Task<(Authenticator App, IReadOnlyList<string> RecoveryCodes)> EnrollAsync(HttpClient client, string slug)
    {
        var page = $"/{slug}/account/security/authenticator";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Start", [], page)).StatusCode);
        var html = await client.GetStringAsync(page);
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        var app = new Authenticator(KeyOnPage().Match(html).Groups[1].Value);
        Assert.Equal(32, app.Key.Replace(" ", "", StringComparison.Ordinal).Length);

        var verified = await client.PostFormAsync($"{page}?handler=Verify", new() { ["Code"] = app.NextCode() }, page);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var codes = RecoveryCodes(await verified.Content.ReadAsStringAsync());
        Assert.Equal(10, codes.Count);
        return (app, codes);
    }

    public static IReadOnlyList<string> RecoveryCodes(string html) =>
        [.. RecoveryCodeOnPage().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
}
