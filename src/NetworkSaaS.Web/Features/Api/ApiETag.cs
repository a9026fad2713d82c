using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// ETags from PostgreSQL's row version (<c>xmin</c>: it changes with every update of the row, by the API or by the
/// pages). A GET sends <c>ETag</c>; an update must send it back in <c>If-Match</c>: missing → 428, another version → 412.
/// <see cref="LockAsync"/> reads the version with <c>FOR UPDATE</c> inside the write's transaction (the API group runs
/// every write in one), so nobody can change the row between the check and the save.
/// </summary>
public static class ApiETag
{
    public static string Of(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The row's current version (tenant_id and id), or null when there is no such row in this tenant.</summary>
    public static Task<long?> VersionAsync(AppDbContext db, string table, Guid id, CancellationToken cancellationToken) =>
        ReadAsync(db, table, id, forUpdate: false, cancellationToken);

    /// <summary>Locks the row for this transaction and checks <c>If-Match</c> against its version; null when there is no such row.</summary>
    public static async Task<long?> LockAsync(AppDbContext db, HttpRequest request, string table, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var version = await ReadAsync(db, table, id, forUpdate: true, cancellationToken);
        if (version is null)
        {
            return null;
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw new ApiProblemException(StatusCodes.Status428PreconditionRequired, "Updates need an If-Match header with the ETag of the resource.");
        }

        var current = Of(version.Value);
        var matches = ifMatch.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(tag => tag == "*" || tag == current);
        if (!matches)
        {
            throw new ApiProblemException(StatusCodes.Status412PreconditionFailed, "The resource was changed after you read it: read it again and retry.",
                new Dictionary<string, object?> { ["currentETag"] = current });
        }

        return version;
    }

    /// <summary>Sets the ETag header to the row's version after a write (read inside the same transaction).</summary>
    public static async Task SetAsync(HttpResponse response, AppDbContext db, string table, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (await VersionAsync(db, table, id, cancellationToken) is { } version)
        {
            response.Headers.ETag = Of(version);
        }
    }

    private static async Task<long?> ReadAsync(AppDbContext db, string table, Guid id, bool forUpdate, CancellationToken cancellationToken)
    {
        // The table name comes from code (a constant of the endpoint), never from the request.
        var sql = $"SELECT xmin::text::bigint AS \"Value\" FROM {table} WHERE tenant_id = {{0}} AND id = {{1}}" + (forUpdate ? " FOR UPDATE" : "");
        var versions = await db.Database.SqlQueryRaw<long>(sql, db.CurrentTenantId, id).ToListAsync(cancellationToken);
        return versions.Count == 0 ? null : versions[0];
    }
}
