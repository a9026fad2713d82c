using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Chat;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>The company's Slack or Teams channel: the asks board's daily digest; its Slack app also sends people's direct messages.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CompanyModel(ChatTargets targets, ChatNotices notices, ITenantContextAccessor tenantContext, IStringLocalizer<SharedResource> l)
    : ChatSettingsPage(targets, notices, l)
{
    protected override Guid? Owner => null;

    protected override Task<string?> OwnerEmailAsync() => Task.FromResult<string?>(null);

    protected override string PagePath => $"/{tenantContext.Tenant!.Slug}/admin/chat";

    public override IReadOnlyList<ChatTargetKind> Kinds { get; } = [ChatTargetKind.SlackWebhook, ChatTargetKind.SlackBot, ChatTargetKind.TeamsWebhook];

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => SaveAsync(cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken) => RemoveAsync(cancellationToken);

    public Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken) => SendTestAsync(cancellationToken);
}
