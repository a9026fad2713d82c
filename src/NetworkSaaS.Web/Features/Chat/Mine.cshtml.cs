using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Chat;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>The signed-in person's own chat destination: where their introduction requests and reminders arrive.</summary>
public sealed class MineModel(
    ChatTargets targets, ChatNotices notices, UserManager<AppUser> users, ITenantContextAccessor tenantContext, IStringLocalizer<SharedResource> l)
    : ChatSettingsPage(targets, notices, l)
{
    protected override Guid? Owner => Guid.Parse(users.GetUserId(User)!);

    protected override async Task<string?> OwnerEmailAsync() => (await users.GetUserAsync(User))?.Email;

    protected override string PagePath => $"/{tenantContext.Tenant!.Slug}/account/chat";

    public override IReadOnlyList<ChatTargetKind> Kinds { get; } = [ChatTargetKind.SlackDirectMessage, ChatTargetKind.SlackWebhook, ChatTargetKind.TeamsWebhook];

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => SaveAsync(cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken) => RemoveAsync(cancellationToken);

    public Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken) => SendTestAsync(cancellationToken);
}
