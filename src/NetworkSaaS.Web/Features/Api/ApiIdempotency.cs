using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Api;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// <c>Idempotency-Key</c> on creates (add <c>.WithIdempotency()</c> to a POST): the first request with a key runs and its
/// successful answer is stored per token and key, in the same transaction as the change; a retry with the same key and
/// body gets that answer again (with <c>Idempotent-Replayed: true</c>) and creates nothing; the same key with another
/// body is 422. A retry sent while the first is still running waits for it (the key's row is locked until it commits).
/// An answer that is an error is not stored, so the key can be used again.
/// </summary>
public static class ApiIdempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(FilterAsync);
    }

    private static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[HeaderName].ToString().Trim();
        if (key.Length == 0)
        {
            return await next(context);
        }

        if (key.Length > ApiIdempotencyRecord.KeyMaxLength)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, $"{HeaderName} may be at most {ApiIdempotencyRecord.KeyMaxLength} characters.");
        }

        var tokenId = Guid.Parse(http.User.FindFirstValue(ApiAuthenticationHandler.TokenIdClaim)!);
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var hash = await RequestHashAsync(http.Request);
        var tenant = db.CurrentTenantId;
        var expired = now - ApiIdempotencyRecord.Lifetime;
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM api_idempotency_keys WHERE tenant_id = {tenant} AND token_id = {tokenId} AND created_at < {expired}", http.RequestAborted);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO api_idempotency_keys (tenant_id, token_id, key, request_hash, created_at)
            VALUES ({tenant}, {tokenId}, {key}, {hash}, {now}) ON CONFLICT DO NOTHING
            """, http.RequestAborted);
        if (inserted == 0)
        {
            var stored = await db.ApiIdempotencyRecords.AsNoTracking().FirstAsync(r => r.TokenId == tokenId && r.Key == key, http.RequestAborted);
            if (stored.RequestHash != hash)
            {
                return ApiProblem.Result(StatusCodes.Status422UnprocessableEntity, $"This {HeaderName} was already used for another request.");
            }

            return new StoredResponse(stored.StatusCode ?? StatusCodes.Status409Conflict, stored.ContentType, stored.Location, stored.ETag, stored.ResponseBody ?? [], replayed: true);
        }

        var result = await next(context);
        if (result is not IResult answer)
        {
            return result;
        }

        // Run the answer into a buffer to keep it; the client gets the same bytes.
        var body = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await answer.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = body;
        }

        var response = http.Response;
        var bytes = buffer.ToArray();
        if (response.StatusCode is >= 200 and < 300)
        {
            await db.ApiIdempotencyRecords.Where(r => r.TokenId == tokenId && r.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, response.StatusCode)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.Location, response.Headers.Location.ToString())
                .SetProperty(r => r.ETag, response.Headers.ETag.ToString())
                .SetProperty(r => r.ResponseBody, bytes), http.RequestAborted);
        }
        else
        {
            await db.ApiIdempotencyRecords.Where(r => r.TokenId == tokenId && r.Key == key).ExecuteDeleteAsync(http.RequestAborted);
        }

        return new StoredResponse(response.StatusCode, response.ContentType, null, null, bytes, replayed: false);
    }

    private static async Task<string> RequestHashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        request.Body.Position = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Writes a kept answer; headers of a fresh answer are already on the response.</summary>
    private sealed class StoredResponse(int status, string? contentType, string? location, string? etag, byte[] body, bool replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            if (replayed)
            {
                response.Headers[ReplayedHeader] = "true";
                response.ContentType = contentType;
                if (!string.IsNullOrEmpty(location))
                {
                    response.Headers.Location = location;
                }

                if (!string.IsNullOrEmpty(etag))
                {
                    response.Headers.ETag = etag;
                }
            }

            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
