using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Privacy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Privacy;

public sealed class PrivacyLabels(IStringLocalizer<SharedResource> l)
{
    public string Kind(PrivacyRequestKind kind) => kind switch
    {
        PrivacyRequestKind.Disclosure => l["Disclosure (開示)"],
        PrivacyRequestKind.Correction => l["Correction (訂正)"],
        PrivacyRequestKind.StopUse => l["Stop use (利用停止)"],
        _ => l["Erasure (消去)"],
    };

    public string Status(PrivacyRequestStatus status) => status == PrivacyRequestStatus.Open ? l["Open"] : l["Closed"];

    public string Field(CorrectableField field) => field switch
    {
        CorrectableField.FamilyName => l["Family name"],
        CorrectableField.GivenName => l["Given name"],
        CorrectableField.FamilyNameKana => l["Family name (kana)"],
        CorrectableField.GivenNameKana => l["Given name (kana)"],
        CorrectableField.CompanyName => l["Company"],
        CorrectableField.Department => l["Department"],
        CorrectableField.Title => l["Title"],
        CorrectableField.Address => l["Address"],
        CorrectableField.Email => l["Email"],
        _ => l["Phone"],
    };

    public string Handlers(PrivacyHandlers handlers) => handlers == PrivacyHandlers.AdminOnly ? l["Admins only"] : l["Admins and HR"];
}
