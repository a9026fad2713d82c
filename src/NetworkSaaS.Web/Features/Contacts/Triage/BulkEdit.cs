using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts.Triage;

public enum BulkAction
{
    Visibility,
    Depth,
    Tags,
    OpenTo,
    Cadence,
    Delete,
}

/// <summary>What one bulk change does to every selected contact (only the fields of its <see cref="Action"/> are read).</summary>
public sealed class BulkEdit
{
    public const int MinCadenceDays = 7;
    public const int MaxCadenceDays = 730;

    public BulkAction Action { get; set; }
    public ContactVisibility Visibility { get; set; }
    public int Depth { get; set; } = RelationshipDepth.Min;
    public string? AddTags { get; set; }
    public string? RemoveTags { get; set; }
    public bool OpenToSales { get; set; }
    public bool OpenToHiring { get; set; }
    public bool OpenToAdvising { get; set; }

    /// <summary>Days between touches; empty: the default of each contact's depth.</summary>
    public int? CadenceDays { get; set; }

    public OpenTo OpenTo =>
        (OpenToSales ? OpenTo.SalesIntroductions : OpenTo.None)
        | (OpenToHiring ? OpenTo.Hiring : OpenTo.None)
        | (OpenToAdvising ? OpenTo.Advising : OpenTo.None);

    public bool IsValid => Enum.IsDefined(Action) && Action switch
    {
        BulkAction.Visibility => Enum.IsDefined(Visibility),
        BulkAction.Depth => RelationshipDepth.IsValid(Depth),
        BulkAction.Tags => ValueLists.Split(AddTags).Count + ValueLists.Split(RemoveTags).Count > 0
            && ValueLists.Split(AddTags).All(t => t.Length <= 50),
        BulkAction.Cadence => CadenceDays is null or (>= MinCadenceDays and <= MaxCadenceDays),
        _ => true,
    };

    /// <summary>Sets the field of <see cref="Action"/> (not for <see cref="BulkAction.Delete"/>). A triaged contact leaves the review queue.</summary>
    public void ApplyTo(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        switch (Action)
        {
            case BulkAction.Visibility:
                contact.Visibility = Visibility;
                break;
            case BulkAction.Depth:
                contact.Depth = Depth;
                break;
            case BulkAction.Tags:
                var remove = ValueLists.Split(RemoveTags).ToHashSet(StringComparer.OrdinalIgnoreCase);
                contact.Tags = [.. contact.Tags.Where(t => !remove.Contains(t)).Concat(ValueLists.Split(AddTags)).Distinct(StringComparer.OrdinalIgnoreCase)];
                break;
            case BulkAction.OpenTo:
                contact.OpenTo = OpenTo;
                break;
            case BulkAction.Cadence:
                contact.CadenceDays = CadenceDays;
                break;
            default:
                throw new InvalidOperationException($"{Action} is not a change of fields.");
        }

        contact.ReviewPending = false;
    }

    /// <summary>For the audit log: the action and its value, no personal data.</summary>
    public string Describe() => Action switch
    {
        BulkAction.Visibility => $"visibility={Visibility}",
        BulkAction.Depth => $"depth={Depth}",
        BulkAction.Tags => $"tags +[{string.Join(", ", ValueLists.Split(AddTags))}] -[{string.Join(", ", ValueLists.Split(RemoveTags))}]",
        BulkAction.OpenTo => $"open-to={OpenTo}",
        BulkAction.Cadence => $"cadence={CadenceDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}",
        _ => "delete",
    };
}
