using Microsoft.Extensions.Localization;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Companies;

/// <summary>The localized name of each industry of <see cref="Industries"/>.</summary>
public sealed class IndustryLabels(IStringLocalizer<SharedResource> l)
{
    /// <summary>The name of <paramref name="code"/>; a value outside the list (older data) is shown as it is.</summary>
    public string Name(string? code) => code switch
    {
        null or "" => "",
        "agriculture" => l["Agriculture, forestry and fisheries"],
        "mining" => l["Mining and quarrying"],
        "construction" => l["Construction"],
        "manufacturing" => l["Manufacturing"],
        "utilities" => l["Electricity, gas, heat supply and water"],
        "information-communications" => l["Information and communications"],
        "transport-logistics" => l["Transport, logistics and postal services"],
        "wholesale-retail" => l["Wholesale and retail trade"],
        "finance-insurance" => l["Finance and insurance"],
        "real-estate" => l["Real estate and goods rental"],
        "professional-services" => l["Scientific research, professional and technical services"],
        "hospitality-food" => l["Accommodation, eating and drinking services"],
        "lifestyle-entertainment" => l["Living-related and personal services, amusement"],
        "education" => l["Education and learning support"],
        "healthcare-welfare" => l["Medical, health care and welfare"],
        "other-services" => l["Services, not elsewhere classified"],
        "public-administration" => l["Government"],
        "other" => l["Other industry"],
        _ => code,
    };
}
