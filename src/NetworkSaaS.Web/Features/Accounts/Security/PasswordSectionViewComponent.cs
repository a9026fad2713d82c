using Microsoft.AspNetCore.Mvc;

namespace NetworkSaaS.Web.Features.Accounts.Security;

/// <summary>The password section of the security page; the form posts to <see cref="PasswordModel"/>.</summary>
public sealed class PasswordSectionViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() => View("~/Features/Accounts/Security/PasswordSection.cshtml", new ChangePasswordForm());
}
