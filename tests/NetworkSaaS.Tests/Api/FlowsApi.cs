using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Api;

namespace NetworkSaaS.Tests.Api;

/// <summary>Calls of the introductions, asks and reports API with real tokens (made by the token service the account pages use).</summary>
internal static class FlowsApi
{
    public const ApiScopes All = ApiScopes.Read | ApiScopes.Write | ApiScopes.Introductions;

    public static async Task<HttpClient> PersonalAsync(TestApp app, ITenantInfo tenant, Guid userId, ApiScopes scopes = All, string language = "en")
    {
        var (_, secret) = await app.InTenantAsync(tenant, sp =>
            sp.GetRequiredService<ApiTokenService>().CreatePersonalAsync(userId, "tests", scopes, null, CancellationToken.None));
        return Client(app, secret, language);
    }

    public static async Task<HttpClient> CompanyAsync(TestApp app, ITenantInfo tenant, string role, Guid createdBy, ApiScopes scopes = All)
    {
        var (_, secret) = await app.InTenantAsync(tenant, sp =>
            sp.GetRequiredService<ApiTokenService>().CreateCompanyAsync("ATS", role, scopes, null, createdBy, CancellationToken.None));
        return Client(app, secret, "en");
    }

    private static HttpClient Client(TestApp app, string secret, string language)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expect)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expect, $"{(int)response.StatusCode} instead of {(int)expect}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public static async Task<JsonNode> GetAsync(HttpClient client, string url, HttpStatusCode expect = HttpStatusCode.OK) =>
        await JsonAsync(await client.GetAsync(url), expect);

    public static async Task<JsonNode> PostAsync(HttpClient client, string url, object body, HttpStatusCode expect, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: ApiJson.Options) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await JsonAsync(await client.SendAsync(request), expect);
    }

    /// <summary>The ETag of a resource as a GET gives it.</summary>
    public static async Task<string> ETagAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    /// <summary>Asserts a problem details body with this status and, when given, this <c>code</c>.</summary>
    public static void Problem(JsonNode problem, int status, string? code = null)
    {
        Assert.Equal(status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        if (code is not null)
        {
            Assert.Equal(code, (string?)problem["code"]);
        }
    }

    public static string[] Strings(JsonNode? array, string property) =>
        [.. array!.AsArray().Select(item => (string)item![property]!)];

    public static JsonSerializerOptions Options => ApiJson.Options;
}
