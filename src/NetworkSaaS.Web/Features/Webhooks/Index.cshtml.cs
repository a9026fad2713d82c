using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Core.Features.Webhooks;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Deliveries;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Webhooks;

/// <summary>The company's webhook subscriptions: add one (its secret shown once), switch it off and on, delete it.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(
    AppDbContext db,
    AuditLog audit,
    WebhookSecrets secrets,
    GuardedHttpClient guard,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxSubscriptions = 20;

    [BindProperty]
    public SubscriptionInput Input { get; set; } = new();

    public IReadOnlyList<SubscriptionRow> Subscriptions { get; private set; } = [];

    /// <summary>The new subscription's secret, shown on this one response only.</summary>
    public string? NewSecret { get; private set; }

    public string Slug => tenantContext.Tenant!.Slug;

    public sealed record SubscriptionRow(WebhookSubscription Subscription, int Failed, DateTimeOffset? LastDeliveredAt);

    public sealed class SubscriptionInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(OutgoingDelivery.TargetMaxLength, ErrorMessage = "This is too long.")]
        [Display(Name = "Endpoint URL")]
        public string? Url { get; set; }

        [StringLength(WebhookSubscription.DescriptionMaxLength, ErrorMessage = "This is too long.")]
        [Display(Name = "Description")]
        public string? Description { get; set; }

        public List<string> Events { get; set; } = [];
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var events = Input.Events.Where(WebhookEventTypes.All.Contains).Distinct().ToList();
        if (events.Count == 0)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Events)}", l["Choose at least one event."]);
        }

        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(Input.Url)
            && (!Uri.TryCreate(Input.Url.Trim(), UriKind.Absolute, out url) || guard.RefusalOf(url) is not null || !string.IsNullOrEmpty(url.UserInfo)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Url)}", l["Enter an https URL on the public internet."]);
        }

        if (await db.WebhookSubscriptions.CountAsync(cancellationToken) >= MaxSubscriptions)
        {
            ModelState.AddModelError(string.Empty, l["A company can have at most {0} webhooks.", MaxSubscriptions]);
        }

        if (!ModelState.IsValid || url is null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var secret = WebhookSignature.NewSecret();
        var subscription = new WebhookSubscription
        {
            Url = url.AbsoluteUri,
            Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim(),
            Events = events,
            ProtectedSecret = secrets.Protect(secret),
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = Guid.TryParse(User.FindFirstValue(new IdentityOptions().ClaimsIdentity.UserIdClaimType), out var me) ? me : null,
        };
        db.WebhookSubscriptions.Add(subscription);
        audit.Record(AuditActions.WebhookSubscriptionAdded, subscription.Url, string.Join(", ", events));
        await db.SaveChangesAsync(cancellationToken);
        NewSecret = secret;
        Input = new SubscriptionInput();
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound();
        }

        subscription.IsEnabled = !subscription.IsEnabled;
        audit.Record(subscription.IsEnabled ? AuditActions.WebhookSubscriptionEnabled : AuditActions.WebhookSubscriptionDisabled, subscription.Url);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.OutgoingDeliveries.Where(d => d.Channel == WebhookChannel.ChannelName && d.OwnerId == id).ExecuteDeleteAsync(cancellationToken);
        db.WebhookSubscriptions.Remove(subscription);
        audit.Record(AuditActions.WebhookSubscriptionRemoved, subscription.Url);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        var ids = subscriptions.Select(s => (Guid?)s.Id).ToList();
        var stats = await db.OutgoingDeliveries.AsNoTracking()
            .Where(d => d.Channel == WebhookChannel.ChannelName && ids.Contains(d.OwnerId))
            .GroupBy(d => d.OwnerId)
            .Select(g => new { Id = g.Key, Failed = g.Count(d => d.State == DeliveryState.Failed), Last = g.Max(d => d.DeliveredAt) })
            .ToListAsync(cancellationToken);
        Subscriptions = [.. subscriptions.Select(s => stats.FirstOrDefault(x => x.Id == s.Id) is { } stat
            ? new SubscriptionRow(s, stat.Failed, stat.Last)
            : new SubscriptionRow(s, 0, null))];
    }
}
