using System.Net;
using System.Text.RegularExpressions;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>Posts forms the way a browser does: fetch the page, take its antiforgery token, submit.</summary>
public static partial class HttpForms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {pageUrl}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>POST to <paramref name="url"/> with a token taken from <paramref name="formPage"/> (default: the same address without the handler).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await client.AntiforgeryTokenAsync(formPage ?? url.Split('?')[0]);
        return await client.PostFormWithTokenAsync(url, fields, token);
    }

    public static Task<HttpResponseMessage> PostFormWithTokenAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? token)
    {
        var all = new List<KeyValuePair<string, string>>(fields);
        if (token is not null)
        {
            all.Add(new("__RequestVerificationToken", token));
        }

        return client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static Task<HttpResponseMessage> PostFormMultiAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string token) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
}
