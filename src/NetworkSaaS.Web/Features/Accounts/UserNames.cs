using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>Display names of a set of colleagues, in one query (for lists and timelines that show who did what).</summary>
public static class UserNames
{
    public static Task<Dictionary<Guid, string>> ForAsync(AppDbContext db, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = userIds.Distinct().ToArray();
        return db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
