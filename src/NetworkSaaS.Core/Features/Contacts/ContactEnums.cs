namespace NetworkSaaS.Core.Features.Contacts;

/// <summary>How the owner met the person (出会いのきっかけ).</summary>
public enum MeetingChannel
{
    ExchangeEvent = 1,
    OnlineCommunity = 2,
    FriendOrAcquaintance = 3,
    CustomerOrSupplier = 4,
    RegularVenue = 5,
    ExistingRelationship = 6,
    IntroducedBySomeone = 7,
    Other = 99,
}

/// <summary>
/// How deep the relationship is, set by the owner: from "we exchanged cards" (1) to "would help me when I am in
/// trouble" (5). The line between a list of names and a real 人脈 runs between 3 and 4.
/// </summary>
public static class RelationshipDepth
{
    public const int Min = 1;
    public const int Max = 5;

    public static bool IsValid(int depth) => depth is >= Min and <= Max;

    /// <summary>Default stay-in-touch cadence per depth, in days (null: no reminder).</summary>
    public static int? DefaultCadenceDays(int depth) => depth switch
    {
        5 => 30,
        4 => 60,
        3 => 90,
        2 => 180,
        _ => null,
    };
}

/// <summary>What the person could help with and is open to.</summary>
[Flags]
public enum OpenTo
{
    None = 0,
    SalesIntroductions = 1,
    Hiring = 2,
    Advising = 4,
}

/// <summary>Chosen by the owner for each contact.</summary>
public enum ContactVisibility
{
    /// <summary>Only the owner sees it; colleagues never learn it exists.</summary>
    Private = 0,

    /// <summary>Colleagues may learn that someone here knows a {title} at {company} with depth n, not who.</summary>
    Discoverable = 1,

    /// <summary>Colleagues see the details.</summary>
    Shared = 2,
}

public enum InteractionKind
{
    Meeting = 1,
    Call = 2,
    Email = 3,
    Message = 4,
    Meal = 5,
    Event = 6,
    SeasonalGreeting = 7,
}
