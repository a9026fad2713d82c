using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.RateLimiting;

using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>
/// A public business card (no sign-in): the page, its QR code, its vCard and the "leave your details" form. Anything that
/// is not a live card answers the same 404. Bots meet a honeypot field, a minimum fill time and the rate limit, and get the
/// same thank-you page as everyone else.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.BusinessCard)]
[OwnerLanguage]
[OpenToVisitorsOfAnyCompany]
public sealed class CardModel(
    PublicCards cards,
    CardFormStamp stamps,
    CardContactIntake intake,
    EmailOptions email,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const string AddressRouteKey = "handle";

    [BindProperty]
    public CardVisitorInput Input { get; set; } = new();

    public PublicCard Card { get; private set; } = null!;

    /// <summary>When the form was shown, protected (see <see cref="CardFormStamp"/>).</summary>
    public string Stamp { get; private set; } = "";

    public bool ShowThanks { get; private set; }

    public string CardPath => CardLinks.Path(tenantContext.Tenant!.Slug, Card.Address);

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HandlerMethod is null)
        {
            // An address with a handler name this page does not have (…/card/{address}/other).
            context.Result = NotFound();
        }

        // The address is a capability: keep it out of search engines and shared caches.
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers.CacheControl = "no-store";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await FindAsync(cancellationToken))
        {
            return NotFound();
        }

        Stamp = stamps.Issue(Card.Id);
        return Page();
    }

    public async Task<IActionResult> OnGetVCardAsync(CancellationToken cancellationToken) =>
        await FindAsync(cancellationToken)
            ? File(Encoding.UTF8.GetBytes(CardVCard.Write(Card)), $"{CardVCard.MediaType}; charset=utf-8", CardVCard.FileName(Card))
            : NotFound();

    public async Task<IActionResult> OnGetQrAsync(CancellationToken cancellationToken) =>
        await FindAsync(cancellationToken)
            ? File(CardQrCode.Png(CardLinks.Url(email, tenantContext.Tenant!.Slug, Card.Address)), CardQrCode.MediaType)
            : NotFound();

    public async Task<IActionResult> OnGetThanksAsync(CancellationToken cancellationToken)
    {
        if (!await FindAsync(cancellationToken))
        {
            return NotFound();
        }

        ShowThanks = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await FindAsync(cancellationToken) || !Card.FormEnabled)
        {
            return NotFound();
        }

        var stamp = stamps.Check(Input.Stamp, Card.Id);
        if (!string.IsNullOrEmpty(Input.Website) || stamp is StampCheck.TooFast or StampCheck.Invalid)
        {
            return Redirect($"{CardPath}/thanks");
        }

        CardContactIntake.Validate(Input, ModelState, l);
        if (stamp == StampCheck.Expired)
        {
            ModelState.AddModelError(string.Empty, l["This form was open for a long time. Please check your details and send them again."]);
        }

        if (!ModelState.IsValid)
        {
            Stamp = stamp == StampCheck.Valid ? Input.Stamp! : stamps.Issue(Card.Id);
            return Page();
        }

        await intake.LeaveAsync(Card, Input, cancellationToken);
        return Redirect($"{CardPath}/thanks");
    }

    private async Task<bool> FindAsync(CancellationToken cancellationToken)
    {
        var card = await cards.FindAsync(RouteData.Values[AddressRouteKey] as string, cancellationToken);
        if (card is null)
        {
            return false;
        }

        Card = card;
        return true;
    }
}
