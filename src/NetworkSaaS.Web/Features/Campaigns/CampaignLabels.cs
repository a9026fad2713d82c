using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Campaigns;

/// <summary>Localized names of the seasonal campaigns and of what their pages show.</summary>
public sealed class CampaignLabels(IStringLocalizer<SharedResource> l)
{
    public string Name(SeasonalCampaign campaign) => campaign switch
    {
        SeasonalCampaign.NewYear => l["New Year cards (年賀状)"],
        SeasonalCampaign.Summer => l["Summer greetings (暑中見舞い)"],
        _ => l["April transfer season (異動)"],
    };

    /// <summary>The campaign with its season, e.g. "New Year cards for 2027".</summary>
    public string Title(CampaignSeason season)
    {
        ArgumentNullException.ThrowIfNull(season);
        return season.Campaign switch
        {
            SeasonalCampaign.NewYear => l["New Year cards for {0} (年賀状)", season.Season],
            SeasonalCampaign.Summer => l["Summer greetings {0} (暑中見舞い)", season.Season],
            _ => l["Transfer season {0}: confirm titles (異動)", season.Season],
        };
    }

    public string Reasons(GreetingReasons reasons, int depth)
    {
        var parts = new List<string>();
        if (reasons.HasFlag(GreetingReasons.AddedByHand))
        {
            parts.Add(l["Added by you"]);
        }

        if (reasons.HasFlag(GreetingReasons.Depth))
        {
            parts.Add(l["Depth {0}", depth]);
        }

        if (reasons.HasFlag(GreetingReasons.LastSeason))
        {
            parts.Add(l["Greeting last season"]);
        }

        if (reasons.HasFlag(GreetingReasons.ThisSeason))
        {
            parts.Add(l["Greeting this season"]);
        }

        return string.Join(" · ", parts);
    }

    public IReadOnlyList<string> CsvHeader =>
        [l["Name"], l["Kana reading"], l["Company"], l["Department"], l["Job title"], l["Postal code"], l["Address"]];
}
