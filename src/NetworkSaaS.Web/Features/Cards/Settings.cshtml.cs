using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Cards;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Localization;
using Npgsql;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>
/// The signed-in user's own business card: on or off (off until they turn it on), what it shows, its handle, the
/// "leave your details" form, and a new link that retires the old one.
/// </summary>
public sealed class SettingsModel(
    AppDbContext db,
    ContactAccess access,
    AuditLog audit,
    EmailOptions email,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CardSettingsInput Input { get; set; } = new();

    public BusinessCard? Card { get; private set; }

    /// <summary>The live card's absolute address, while it is on.</summary>
    public string? PublicUrl { get; private set; }

    public string? PublicPath { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input = Card is null
            ? new CardSettingsInput { Handle = await FreeHandleAsync(CardAddress.DefaultHandle(User.FindFirst(Tenancy.TenantClaimTypes.DisplayName)?.Value), cancellationToken), ShowTitle = true, ShowCompany = true }
            : CardSettingsInput.From(Card);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input.Handle = Input.Handle.Trim().ToLowerInvariant();
        var links = ValueLists.Split(Input.Links, linesOnly: true);
        Validate(links);
        if (ModelState.IsValid && await db.BusinessCards.AnyAsync(c => c.Handle == Input.Handle && c.UserId != access.CurrentUserId, cancellationToken))
        {
            ModelState.AddModelError("Input.Handle", l["Another card in your company already uses this handle."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        var card = Card;
        if (card is null)
        {
            card = new BusinessCard { UserId = access.CurrentUserId, Handle = Input.Handle, Token = CardAddress.NewToken(), CreatedAt = now };
            db.BusinessCards.Add(card);
        }

        var wasEnabled = Card?.Enabled == true;
        card.Enabled = Input.Enabled;
        card.FormEnabled = Input.FormEnabled;
        card.Handle = Input.Handle;
        card.Shown = Input.Shown;
        card.Phone = string.IsNullOrWhiteSpace(Input.Phone) ? null : Input.Phone.Trim();
        card.Message = string.IsNullOrWhiteSpace(Input.Message) ? null : Input.Message.Trim();
        card.Links = links;
        card.UpdatedAt = now;
        if (card.Enabled != wasEnabled)
        {
            audit.Record(card.Enabled ? AuditActions.CardEnabled : AuditActions.CardDisabled, card.Handle);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError("Input.Handle", l["Another card in your company already uses this handle."]);
            return Page();
        }

        TempData["Status"] = l["Your business card has been saved."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRegenerateAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Card is null)
        {
            return NotFound();
        }

        Card.Token = CardAddress.NewToken();
        Card.UpdatedAt = clock.GetUtcNow();
        audit.Record(AuditActions.CardLinkRegenerated, Card.Handle);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Your card has a new link. The old link and its QR code no longer work."].Value;
        return RedirectToPage();
    }

    private void Validate(List<string> links)
    {
        if (!CardAddress.IsValidHandle(Input.Handle))
        {
            ModelState.AddModelError("Input.Handle", l["Use {0} to {1} lowercase letters, digits and single hyphens (not at the start or end).", BusinessCard.HandleMinLength, BusinessCard.HandleMaxLength]);
        }

        if (links.Count > BusinessCard.MaxLinks || links.Any(link => link.Length > BusinessCard.LinkMaxLength || !IsWebAddress(link)))
        {
            ModelState.AddModelError("Input.Links", l["Enter at most {0} web addresses starting with https:// or http://, one per line.", BusinessCard.MaxLinks]);
        }

        if (Input.Phone is { Length: > 0 } phone && !ContactFormValidation.LooksLikePhone(phone))
        {
            ModelState.AddModelError("Input.Phone", l["'{0}' is not a phone number.", phone]);
        }
    }

    private static bool IsWebAddress(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Card = await db.BusinessCards.FirstOrDefaultAsync(c => c.UserId == access.CurrentUserId, cancellationToken);
        if (Card is { Enabled: true })
        {
            PublicPath = CardLinks.Path(tenantContext.Tenant!.Slug, CardAddress.Format(Card.Handle, Card.Token));
            PublicUrl = CardLinks.Url(email, tenantContext.Tenant!.Slug, CardAddress.Format(Card.Handle, Card.Token));
        }
    }

    /// <summary>The proposed handle, or it with the lowest free number appended ("taro-yamada-2").</summary>
    private async Task<string> FreeHandleAsync(string proposed, CancellationToken cancellationToken)
    {
        var taken = await db.BusinessCards.Where(c => c.Handle == proposed || EF.Functions.Like(c.Handle, proposed + "-%")).Select(c => c.Handle).ToListAsync(cancellationToken);
        if (!taken.Contains(proposed))
        {
            return proposed;
        }

        var n = 2;
        while (taken.Contains($"{proposed}-{n}"))
        {
            n++;
        }

        return $"{proposed}-{n}";
    }
}
