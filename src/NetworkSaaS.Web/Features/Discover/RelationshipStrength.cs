namespace NetworkSaaS.Web.Features.Discover;

/// <summary>
/// How strong a colleague's relationship is, out of 170, and why: the owner's depth rating (20 per level), logged
/// interactions with exponential decay (half-life 180 days, up to 40), and other colleagues who know the same person
/// (10 each, up to 30). Every part is shown beside the score.
/// </summary>
public sealed record RelationshipStrength(int Score, int Depth, int DepthPoints, int Interactions, DateOnly? LastContactedOn, int DaysSinceContact,
    int TouchPoints, int OtherColleagues, int ColleaguePoints)
{
    public const int HalfLifeDays = 180;

    public static RelationshipStrength Of(int depth, int interactions, DateOnly? lastContactedOn, double decayedInteractions, int otherColleagues, DateOnly today)
    {
        var depthPoints = Math.Clamp(depth, 1, 5) * 20;
        var touchPoints = (int)Math.Round(40 * (1 - Math.Exp(-Math.Max(0, decayedInteractions) / 2)));
        var colleaguePoints = 10 * Math.Min(3, Math.Max(0, otherColleagues));
        var days = lastContactedOn is { } last ? Math.Max(0, today.DayNumber - last.DayNumber) : -1;
        return new RelationshipStrength(depthPoints + touchPoints + colleaguePoints, depth, depthPoints, interactions, lastContactedOn, days,
            touchPoints, otherColleagues, colleaguePoints);
    }
}
