using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Core.Features.Webhooks;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Deliveries;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Webhooks;

/// <summary>A subscription's delivery log (newest first): state, attempts, last response and time; resend any of them.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class DeliveriesModel(
    AppDbContext db,
    AuditLog audit,
    OutgoingDeliveries deliveries,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int Shown = 200;

    public WebhookSubscription Subscription { get; private set; } = null!;
    public IReadOnlyList<OutgoingDelivery> Deliveries { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return NotFound();
        }

        Subscription = subscription;
        Deliveries = await db.OutgoingDeliveries.AsNoTracking()
            .Where(d => d.Channel == WebhookChannel.ChannelName && d.OwnerId == id)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(Shown)
            .ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, Guid deliveryId, CancellationToken cancellationToken)
    {
        var original = await db.OutgoingDeliveries.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Id == deliveryId && d.Channel == WebhookChannel.ChannelName && d.OwnerId == id, cancellationToken);
        if (original is null)
        {
            return NotFound();
        }

        deliveries.Resend(original);
        audit.Record(AuditActions.WebhookDeliveryResent, original.Target, $"{original.Label} {WebhookSignature.IdOf(original.MessageId)}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["The event will be sent again."].Value;
        return RedirectToPage(new { id });
    }
}
