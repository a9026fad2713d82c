using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Scim;

namespace NetworkSaaS.Tests.Scim;

/// <summary>A SCIM client as a directory is one: a bearer token, JSON bodies written out as the directory sends them.</summary>
public abstract class ScimTest(PostgresCluster cluster) : IntegrationTest(cluster)
{
    public sealed record Reply(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)
    {
        public string? ETag => Response.Headers.ETag?.ToString();

        public string Id => Body!["id"]!.GetValue<string>();

        public string? ScimType => Body?["scimType"]?.GetValue<string>();
    }

    protected async Task<string> CreateTokenAsync(ITenantInfo tenant, string name = "Entra ID", DateTimeOffset? expiresAt = null) =>
        await App.InTenantAsync(tenant, async sp =>
            (await sp.GetRequiredService<ScimTokenService>().CreateAsync(name, expiresAt, null, CancellationToken.None)).Secret);

    protected HttpClient Client(string? token)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    protected static async Task<Reply> SendAsync(HttpClient client, HttpMethod method, string url, string? json = null, string? ifMatch = null,
        string contentType = "application/scim+json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? body = null;
        if (text.Length > 0)
        {
            Assert.StartsWith("application/scim+json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            body = JsonNode.Parse(text) as JsonObject;
        }

        return new Reply(response.StatusCode, body, response);
    }

    protected static Task<Reply> GetAsync(HttpClient client, string url) => SendAsync(client, HttpMethod.Get, url);
    protected static Task<Reply> PostAsync(HttpClient client, string url, string json) => SendAsync(client, HttpMethod.Post, url, json);
    protected static Task<Reply> PatchAsync(HttpClient client, string url, string json, string? ifMatch = null) => SendAsync(client, HttpMethod.Patch, url, json, ifMatch);
    protected static Task<Reply> PutAsync(HttpClient client, string url, string json, string? ifMatch = null) => SendAsync(client, HttpMethod.Put, url, json, ifMatch);
    protected static Task<Reply> DeleteAsync(HttpClient client, string url, string? ifMatch = null) => SendAsync(client, HttpMethod.Delete, url, ifMatch: ifMatch);

    protected static void AssertError(Reply reply, HttpStatusCode status, string? scimType = null)
    {
        Assert.True(reply.Status == status, $"expected {(int)status}, got {(int)reply.Status}: {reply.Body?.ToJsonString()}");
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", reply.Body!["schemas"]![0]!.GetValue<string>());
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), reply.Body["status"]!.GetValue<string>());
        if (scimType is not null)
        {
            Assert.Equal(scimType, reply.ScimType);
        }
    }

    protected Task<AppUser?> UserAsync(ITenantInfo tenant, Guid id) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.AsNoTracking().Include(u => u.Department).FirstOrDefaultAsync(u => u.Id == id));

    protected Task<IList<string>> RolesAsync(ITenantInfo tenant, Guid id) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.GetRolesAsync((await users.FindByIdAsync(id.ToString()))!);
        });

    protected Task MapGroupToRoleAsync(ITenantInfo tenant, string group, string role) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.DirectoryGroupRoles.Add(new DirectoryGroupRole { GroupName = group, Role = role });
            return await db.SaveChangesAsync();
        });

    /// <summary>The user as Microsoft Entra ID's provisioning service creates it (its SCIM validator's "Create a new User").</summary>
    protected static string EntraCreateUser(string userName, string email, string externalId, string givenName = "givenName", string familyName = "familyName") => $$"""
        {
            "schemas": [
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            "externalId": "{{externalId}}",
            "userName": "{{userName}}",
            "active": true,
            "emails": [{
                "primary": true,
                "type": "work",
                "value": "{{email}}"
            }],
            "meta": {
                "resourceType": "User"
            },
            "name": {
                "formatted": "{{givenName}} {{familyName}}",
                "familyName": "{{familyName}}",
                "givenName": "{{givenName}}"
            },
            "roles": []
        }
        """;

    /// <summary>The user as Okta's SCIM 2.0 test suite creates it (password and locale included; we ignore both).</summary>
    protected static string OktaCreateUser(string userName, string externalId) => $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "userName": "{{userName}}",
          "name": {
            "givenName": "Test",
            "familyName": "User"
          },
          "emails": [{
            "primary": true,
            "value": "{{userName}}",
            "type": "work"
          }],
          "displayName": "Test User",
          "locale": "en-US",
          "externalId": "{{externalId}}",
          "groups": [],
          "password": "1mz050nq",
          "active": true
        }
        """;
}
