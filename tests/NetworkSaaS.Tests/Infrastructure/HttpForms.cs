using System.Net;
using System.Text.RegularExpressions;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>
/// Posts forms the way a browser does: fetch the page, take its antiforgery token, submit. Every post is checked: by
/// default the form must be accepted (a redirect, or a page with no validation error), so a setup step that silently
/// fails cannot make a later assertion pass for the wrong reason. A test that expects a refusal says which status it
/// expects (<c>expect: HttpStatusCode.NotFound</c>; <c>HttpStatusCode.OK</c> for a form shown again with its errors).
/// </summary>
public static partial class HttpForms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>The classes the validation tag helpers put on a form shown again with errors.</summary>
    [GeneratedRegex(@"\b(validation-summary-errors|field-validation-error|input-validation-error)\b")]
    private static partial Regex ValidationError();

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {pageUrl}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>POST to <paramref name="url"/> with a token taken from <paramref name="formPage"/> (default: the same address without the handler).</summary>
    /// <param name="expect">The status a test expects when the post is meant to be refused; null: the form must be accepted.</param>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null, HttpStatusCode? expect = null)
    {
        var token = await client.AntiforgeryTokenAsync(formPage ?? url.Split('?')[0]);
        return await client.PostFormWithTokenAsync(url, fields, token, expect);
    }

    public static async Task<HttpResponseMessage> PostFormWithTokenAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? token, HttpStatusCode? expect = null)
    {
        var all = new List<KeyValuePair<string, string>>(fields);
        if (token is not null)
        {
            all.Add(new("__RequestVerificationToken", token));
        }

        return await CheckedAsync(await client.PostAsync(url, new FormUrlEncodedContent(all)), expect);
    }

    public static async Task<HttpResponseMessage> PostFormMultiAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string token, HttpStatusCode? expect = null) =>
        await CheckedAsync(await client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)))), expect);

    /// <summary>The check every form post goes through (also for posts built by hand, e.g. file uploads).</summary>
    public static async Task<HttpResponseMessage> CheckedAsync(HttpResponseMessage response, HttpStatusCode? expect)
    {
        ArgumentNullException.ThrowIfNull(response);
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        if (expect is { } expected)
        {
            Assert.True(response.StatusCode == expected, $"{request} answered {(int)response.StatusCode} {response.StatusCode}, the test expected {(int)expected} {expected}.");
            return response;
        }

        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var invalid = ValidationError().Match(body);
        var toLogin = response.Headers.Location?.OriginalString.Contains("/account/login?returnUrl=", StringComparison.Ordinal) == true;
        Assert.True(
            status is >= 200 and < 400 && !invalid.Success && !toLogin,
            $"{request} was not accepted: {status} {response.StatusCode}{(invalid.Success ? $", the form came back with errors ({invalid.Value})" : "")}{(toLogin ? ", sent to sign in" : "")}. " +
            $"A test that expects the refusal passes expect: HttpStatusCode.…\n{body[..Math.Min(body.Length, 2000)]}");
        return response;
    }
}
