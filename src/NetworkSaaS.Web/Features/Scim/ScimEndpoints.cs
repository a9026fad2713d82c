using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Web.Features.RateLimiting;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// /{tenant}/scim/v2: Users, Groups and the discovery resources. Bearer tokens only (no cookies, so no antiforgery),
/// rate limited per company, every refusal in SCIM's error format.
/// </summary>
public static class ScimEndpoints
{
    public static IEndpointRouteBuilder MapScim(this IEndpointRouteBuilder app)
    {
        var scim = app.MapGroup("/{tenant:slug}/scim/v2")
            .RequireAuthorization(ScimAuthenticationHandler.Policy)
            .WithMetadata(new EnableRateLimitingAttribute(RateLimitPolicies.Scim))
            .AddEndpointFilter(async (context, next) =>
            {
                // A write is all or nothing: the user, their roles, the deactivation and the audit entries together.
                var http = context.HttpContext;
                await using var transaction = HttpMethods.IsGet(http.Request.Method) ? null
                    : await http.RequestServices.GetRequiredService<AppDbContext>().Database.BeginTransactionAsync(http.RequestAborted);
                try
                {
                    var result = await next(context);
                    if (transaction is not null)
                    {
                        await transaction.CommitAsync(http.RequestAborted);
                    }

                    return result;
                }
                catch (ScimException problem)
                {
                    return new ScimResult(problem.Status, problem.ToJson());
                }
            });

        scim.MapGet("/ServiceProviderConfig", (ScimDiscovery discovery) => ScimResult.Ok(discovery.ServiceProviderConfig()));
        scim.MapGet("/ResourceTypes", (ScimDiscovery discovery, HttpRequest request) => ScimResult.Ok(discovery.ResourceTypes(ScimPaging.From(request))));
        scim.MapGet("/Schemas", (ScimDiscovery discovery, HttpRequest request) => ScimResult.Ok(discovery.Schemas(ScimPaging.From(request))));

        scim.MapGet("/Users", (ScimUsers users, HttpRequest request, CancellationToken ct) =>
            users.ListAsync(ScimFilter.Parse(request.Query["filter"], "userName", "externalId", "id"), ScimPaging.From(request), ct));
        scim.MapGet("/Users/{id}", (string id, ScimUsers users, CancellationToken ct) => users.GetAsync(id, ct));
        scim.MapPost("/Users", async (ScimUsers users, HttpRequest request, CancellationToken ct) =>
            await users.CreateAsync(await ScimJson.ReadObjectAsync(request, ct), ct));
        scim.MapPut("/Users/{id}", async (string id, ScimUsers users, HttpRequest request, CancellationToken ct) =>
            await users.ReplaceAsync(id, await ScimJson.ReadObjectAsync(request, ct), IfMatch(request), ct));
        scim.MapPatch("/Users/{id}", async (string id, ScimUsers users, HttpRequest request, CancellationToken ct) =>
            await users.PatchAsync(id, await ScimJson.ReadObjectAsync(request, ct), IfMatch(request), ct));
        scim.MapDelete("/Users/{id}", async (string id, ScimUsers users, HttpRequest request, CancellationToken ct) =>
        {
            await users.DeleteAsync(id, IfMatch(request), ct);
            return ScimResult.NoContent();
        });

        scim.MapGet("/Groups", (ScimGroups groups, HttpRequest request, CancellationToken ct) =>
            groups.ListAsync(ScimFilter.Parse(request.Query["filter"], "displayName", "externalId", "id"), ScimPaging.From(request),
                withMembers: !Excludes(request, "members"), ct));
        scim.MapGet("/Groups/{id}", (string id, ScimGroups groups, CancellationToken ct) => groups.GetAsync(id, ct));
        scim.MapPost("/Groups", async (ScimGroups groups, HttpRequest request, CancellationToken ct) =>
            await groups.CreateAsync(await ScimJson.ReadObjectAsync(request, ct), ct));
        scim.MapPut("/Groups/{id}", async (string id, ScimGroups groups, HttpRequest request, CancellationToken ct) =>
            await groups.ReplaceAsync(id, await ScimJson.ReadObjectAsync(request, ct), IfMatch(request), ct));
        scim.MapPatch("/Groups/{id}", async (string id, ScimGroups groups, HttpRequest request, CancellationToken ct) =>
            await groups.PatchAsync(id, await ScimJson.ReadObjectAsync(request, ct), IfMatch(request), ct));
        scim.MapDelete("/Groups/{id}", async (string id, ScimGroups groups, HttpRequest request, CancellationToken ct) =>
        {
            await groups.DeleteAsync(id, IfMatch(request), ct);
            return ScimResult.NoContent();
        });

        // Anything else under the endpoint is a SCIM 404, not the HTML error page.
        scim.MapFallback(() => new ScimResult(StatusCodes.Status404NotFound, ScimException.Body(StatusCodes.Status404NotFound, null, "No such SCIM resource.")));
        return app;
    }

    private static string? IfMatch(HttpRequest request) => request.Headers.IfMatch.ToString() is { Length: > 0 } value ? value : null;

    private static bool Excludes(HttpRequest request, string attribute) =>
        request.Query["excludedAttributes"].ToString().Split(',', StringSplitOptions.TrimEntries).Contains(attribute, StringComparer.OrdinalIgnoreCase);
}
