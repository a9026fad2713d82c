using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Chat;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>
/// The chat settings of the company (admin page) or of the signed-in person (account page): one destination, set,
/// removed or sent a test message. <see cref="Owner"/> says whose. Each page declares its own POST handlers (calling
/// <see cref="SaveAsync"/>, <see cref="RemoveAsync"/>, <see cref="SendTestAsync"/>), so the isolation matrix sees them.
/// </summary>
public abstract class ChatSettingsPage(ChatTargets targets, ChatNotices notices, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ChatTargetInput Input { get; set; } = new();

    public ChatTarget? Current { get; private set; }

    /// <summary>Whether the company's destination is a Slack bot (a person may then choose direct messages).</summary>
    public bool CompanyHasSlackBot { get; private set; }

    /// <summary>Null for the company's destination, else the person's id.</summary>
    protected abstract Guid? Owner { get; }

    protected abstract Task<string?> OwnerEmailAsync();

    protected abstract string PagePath { get; }

    public abstract IReadOnlyList<ChatTargetKind> Kinds { get; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    protected async Task<IActionResult> SaveAsync(CancellationToken cancellationToken)
    {
        if (!Kinds.Contains(Input.Kind))
        {
            ModelState.AddModelError("Input.Kind", l["The value is not valid."]);
        }
        else if (await targets.SaveAsync(Owner, await OwnerEmailAsync(), Input, cancellationToken) is { } problem)
        {
            ModelState.AddModelError("Input.Secret", problem);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Status"] = l["The chat destination was saved."].Value;
        return Redirect(PagePath);
    }

    protected async Task<IActionResult> RemoveAsync(CancellationToken cancellationToken)
    {
        if (!await targets.RemoveAsync(Owner, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = l["The chat destination was removed: nothing more is sent there."].Value;
        return Redirect(PagePath);
    }

    protected async Task<IActionResult> SendTestAsync(CancellationToken cancellationToken)
    {
        if (!await notices.SendTestAsync(Owner, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = l["A test message is on its way. If it does not arrive within a minute, check the address or token."].Value;
        return Redirect(PagePath);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Current = await targets.FindAsync(Owner, cancellationToken);
        CompanyHasSlackBot = Owner is null ? Current?.Kind == ChatTargetKind.SlackBot : (await targets.FindAsync(null, cancellationToken))?.Kind == ChatTargetKind.SlackBot;
        if (Current is not null && Request.Method == HttpMethods.Get)
        {
            Input = new ChatTargetInput { Kind = Current.Kind, Channel = Current.Kind == ChatTargetKind.SlackBot ? Current.Channel : null };
        }
    }
}
