using Microsoft.Extensions.Localization;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts.Triage;

public static class BulkLabels
{
    /// <summary>A <see cref="Core.Features.Contacts.BulkChange.Kind"/> (a <see cref="BulkAction"/> name) as the user reads it.</summary>
    public static string Kind(IStringLocalizer<SharedResource> l, string kind)
    {
        ArgumentNullException.ThrowIfNull(l);
        return Enum.TryParse<BulkAction>(kind, out var action) ? action switch
        {
            BulkAction.Visibility => l["Visibility"],
            BulkAction.Depth => l["Depth"],
            BulkAction.Tags => l["Tags"],
            BulkAction.OpenTo => l["Open to"],
            BulkAction.Cadence => l["Stay-in-touch cadence"],
            _ => l["Delete"],
        } : kind;
    }
}
