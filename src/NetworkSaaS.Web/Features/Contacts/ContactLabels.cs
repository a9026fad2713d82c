using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>Localized names of the contact vocabulary (channels, depths, visibility, interaction kinds, import problems).</summary>
public sealed class ContactLabels(IStringLocalizer<SharedResource> l)
{
    // A list renders the same few labels on every row: each one is looked up once per request (and per UI culture).
    private readonly Dictionary<(string Culture, int Kind, int Value), string> _labels = [];

    private static readonly string[] StarsByDepth = [.. Enumerable.Range(0, 6).Select(d => new string('\u2605', d))];

    /// <summary>The depth as stars (★★★), as the list shows it.</summary>
    public static string Stars(int depth) => depth >= 0 && depth < StarsByDepth.Length ? StarsByDepth[depth] : new string('\u2605', Math.Max(0, depth));

    public string Channel(MeetingChannel channel) => Remembered(0, (int)channel) ?? Remember(0, (int)channel, LookUpChannel(channel));

    public string Depth(int depth) => Remembered(1, depth) ?? Remember(1, depth, LookUpDepth(depth));

    public string Visibility(ContactVisibility visibility) => Remembered(2, (int)visibility) ?? Remember(2, (int)visibility, LookUpVisibility(visibility));

    private string? Remembered(int kind, int value) =>
        _labels.TryGetValue((System.Globalization.CultureInfo.CurrentUICulture.Name, kind, value), out var label) ? label : null;

    private string Remember(int kind, int value, string label)
    {
        _labels[(System.Globalization.CultureInfo.CurrentUICulture.Name, kind, value)] = label;
        return label;
    }

    private string LookUpChannel(MeetingChannel channel) => channel switch
    {
        MeetingChannel.ExchangeEvent => l["Business exchange event"],
        MeetingChannel.OnlineCommunity => l["SNS or online community"],
        MeetingChannel.FriendOrAcquaintance => l["Friend or acquaintance"],
        MeetingChannel.CustomerOrSupplier => l["Customer or supplier"],
        MeetingChannel.RegularVenue => l["Regular shop or venue"],
        MeetingChannel.ExistingRelationship => l["Existing relationship"],
        MeetingChannel.IntroducedBySomeone => l["Introduced by someone"],
        _ => l["Other"],
    };

    private string LookUpDepth(int depth) => depth switch
    {
        1 => l["1 · Exchanged cards"],
        2 => l["2 · Have talked a few times"],
        3 => l["3 · Know each other well"],
        4 => l["4 · Trusted: would take my call"],
        5 => l["5 · Would help me when I am in trouble"],
        _ => depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private string LookUpVisibility(ContactVisibility visibility) => visibility switch
    {
        ContactVisibility.Shared => l["Shared"],
        ContactVisibility.Discoverable => l["Discoverable"],
        _ => l["Private"],
    };

    public string VisibilityHelp(ContactVisibility visibility) => visibility switch
    {
        ContactVisibility.Shared => l["Colleagues see this contact's details."],
        ContactVisibility.Discoverable => l["Colleagues may learn that someone here knows a person with this title at this company, and how well, but not who."],
        _ => l["Only you see this contact."],
    };

    public string Interaction(InteractionKind kind) => kind switch
    {
        InteractionKind.Meeting => l["Meeting"],
        InteractionKind.Call => l["Call"],
        InteractionKind.Email => l["Email"],
        InteractionKind.Message => l["Message"],
        InteractionKind.Meal => l["Meal"],
        InteractionKind.Event => l["Event"],
        _ => l["Seasonal greeting (年賀状, 暑中見舞い)"],
    };

    public string OpenTo(OpenTo openTo)
    {
        var parts = new List<string>();
        if (openTo.HasFlag(Core.Features.Contacts.OpenTo.SalesIntroductions))
        {
            parts.Add(l["Sales introductions"]);
        }

        if (openTo.HasFlag(Core.Features.Contacts.OpenTo.Hiring))
        {
            parts.Add(l["Hiring"]);
        }

        if (openTo.HasFlag(Core.Features.Contacts.OpenTo.Advising))
        {
            parts.Add(l["Advising or mentoring"]);
        }

        return string.Join(", ", parts);
    }

    public string Reject(RejectReason reason, string? detail) => reason switch
    {
        RejectReason.MissingName => l["The record has no name."],
        RejectReason.InvalidEmail => l["'{0}' is not a valid email address.", detail ?? ""],
        RejectReason.InvalidDate => l["'{0}' is not a date this file format uses.", detail ?? ""],
        RejectReason.ValueTooLong => l["A value is too long ({0}).", detail ?? ""],
        RejectReason.TooManyColumns => l["The line has more columns than the header."],
        RejectReason.UndecodableBytes => l["The line's bytes are not text in the file's encoding ({0}); the other lines were read.", detail ?? ""],
        RejectReason.Suppressed => l["Skipped: this person asked the company to erase their data, so they are not added again."],
        _ => l["The record could not be read ({0}).", detail ?? ""],
    };

    public string FileProblem(ContactFileProblem problem) => problem switch
    {
        ContactFileProblem.Empty => l["The file is empty."],
        ContactFileProblem.UnreadableEncoding => l["The file's characters could not be read. Save it as UTF-8 or Shift_JIS and try again."],
        ContactFileProblem.TooLarge => l["The file is larger than 20 MB."],
        _ => l["This file is not a format we can import: use vCard (.vcf), LinkedIn Connections.csv, an Eight or Sansan CSV export, or our CSV template."],
    };

    public string MatchReason(MatchReason reason) => reason switch
    {
        Contacts.MatchReason.SameEmail => l["same email"],
        Contacts.MatchReason.SamePhone => l["same phone"],
        Contacts.MatchReason.SameNameAndCompany => l["same name at the same company"],
        _ => l["same reading"],
    };

    public string Format(ContactFileFormat format) => format switch
    {
        ContactFileFormat.VCard => "vCard",
        ContactFileFormat.LinkedIn => "LinkedIn Connections.csv",
        ContactFileFormat.Eight => "Eight",
        ContactFileFormat.Sansan => "Sansan",
        _ => l["NetworkSaaS CSV template"],
    };
}
