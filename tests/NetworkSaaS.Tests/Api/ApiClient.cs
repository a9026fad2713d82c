using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Api;

namespace NetworkSaaS.Tests.Api;

/// <summary>
/// Calls /{tenant}/api/v1 with a bearer token. Paths are relative to the version (<c>"/contacts"</c>). Reuse it for every
/// API test: <c>var api = App.Api("acme", await App.CreatePersonalTokenAsync(tenant, user.Id));</c>
/// </summary>
public sealed class ApiClient(HttpClient http, string slug, string token)
{
    public string Slug { get; } = slug;
    public string Token { get; } = token;

    /// <summary>Accept-Language of every call (null: none sent).</summary>
    public string? Language { get; set; }

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> PostAsync(string path, object? body, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body, headers: idempotencyKey is null ? null : new() { [ApiIdempotency.HeaderName] = idempotencyKey });

    public Task<ApiResponse> PutAsync(string path, object? body, string? ifMatch) =>
        SendAsync(HttpMethod.Put, path, body, headers: ifMatch is null ? null : new() { ["If-Match"] = ifMatch });

    public Task<ApiResponse> PatchAsync(string path, object? body, string? ifMatch) =>
        SendAsync(HttpMethod.Patch, path, body, headers: ifMatch is null ? null : new() { ["If-Match"] = ifMatch });

    public Task<ApiResponse> DeleteAsync(string path, string? ifMatch) =>
        SendAsync(HttpMethod.Delete, path, headers: ifMatch is null ? null : new() { ["If-Match"] = ifMatch });

    /// <summary>Any call under /{slug}/api/v1 (a body object is sent as JSON; a string as it is, as JSON).</summary>
    public Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body = null, Dictionary<string, string>? headers = null) =>
        SendToAsync(method, $"/{Slug}/api/v1{path}", body, headers);

    /// <summary>A call to an absolute path (another company's API, the docs) with this client's token.</summary>
    public async Task<ApiResponse> SendToAsync(HttpMethod method, string absolutePath, object? body = null, Dictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, absolutePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (Language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(Language);
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body, ApiJson.Options);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }
}

/// <summary>An answer, read: status, headers, the text and (when it is JSON) the parsed body.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Text, JsonNode? Json)
{
    public string? ETag => Header("ETag");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var type = response.Content.Headers.ContentType?.MediaType;
        JsonNode? json = null;
        if (type is not null && type.Contains("json", StringComparison.Ordinal) && text.Length > 0)
        {
            json = JsonNode.Parse(text);
        }

        return new ApiResponse(response.StatusCode, type, headers, text, json);
    }

    /// <summary>Asserts the status (showing the body when it differs) and returns this answer.</summary>
    public ApiResponse Expect(HttpStatusCode status)
    {
        Assert.True(status == Status, $"Expected {(int)status} but got {(int)Status}: {Text}");
        return this;
    }
}

public static class ApiTestExtensions
{
    public const ApiScopes AllScopes = ApiScopes.Read | ApiScopes.Write | ApiScopes.Introductions;

    public static ApiClient Api(this TestApp app, string slug, string token, string? language = null) =>
        new(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), slug, token)
        {
            Language = language,
        };

    /// <summary>A personal access token of <paramref name="userId"/> made by the same service as the account page; returns the secret.</summary>
    public static Task<string> CreatePersonalTokenAsync(this TestApp app, ITenantInfo tenant, Guid userId, ApiScopes scopes = AllScopes, DateTimeOffset? expiresAt = null) =>
        app.InTenantAsync(tenant, async sp =>
            (await sp.GetRequiredService<ApiTokenService>().CreatePersonalAsync(userId, "test token", scopes, expiresAt, CancellationToken.None)).Secret);

    /// <summary>A company token acting with <paramref name="role"/> (HR or Admin); returns the secret.</summary>
    public static Task<string> CreateCompanyTokenAsync(this TestApp app, ITenantInfo tenant, Guid createdBy, string role = Roles.HR, ApiScopes scopes = AllScopes) =>
        app.InTenantAsync(tenant, async sp =>
            (await sp.GetRequiredService<ApiTokenService>().CreateCompanyAsync("test integration", role, scopes, null, createdBy, CancellationToken.None)).Secret);

    /// <summary>A user of <paramref name="tenant"/> with <paramref name="roles"/> and a personal token with <paramref name="scopes"/>.</summary>
    public static async Task<(AppUser User, ApiClient Api)> UserWithTokenAsync(this TestApp app, Tenant tenant, string email, ApiScopes scopes = AllScopes, params string[] roles)
    {
        var user = await app.CreateUserAsync(tenant, email, roles);
        return (user, app.Api(tenant.Slug, await app.CreatePersonalTokenAsync(tenant, user.Id, scopes)));
    }
}

public static class ApiAssert
{
    /// <summary>An RFC 9457 problem: the status, application/problem+json, a title (optionally the exact localized one), status and instance.</summary>
    public static JsonNode Problem(ApiResponse response, HttpStatusCode status, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Expect(status);
        Assert.Equal("application/problem+json", response.ContentType);
        var body = response.Json!;
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        Assert.Equal("about:blank", body["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["title"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(body["instance"]!.GetValue<string>()));
        if (title is not null)
        {
            Assert.Equal(title, body["title"]!.GetValue<string>());
        }

        return body;
    }

    /// <summary>
    /// The cross-tenant refusal: <paramref name="api"/>'s token (of its own company) sent to the same call under
    /// <paramref name="otherSlug"/> is refused (401: the token is unknown there) as problem details, whatever the method.
    /// </summary>
    public static async Task CrossTenantRefusedAsync(ApiClient api, string otherSlug, HttpMethod method, string path, object? body = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var response = await api.SendToAsync(method, $"/{otherSlug}/api/v1{path}", body,
            new() { ["If-Match"] = "*", [ApiIdempotency.HeaderName] = Guid.NewGuid().ToString() });
        Assert.True(response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound,
            $"{method} /{otherSlug}/api/v1{path} with another company's token answered {(int)response.Status}: {response.Text}");
        Problem(response, response.Status);
    }
}
