using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>
/// What happens around the framework's protocol work: the typed address goes to the provider as login_hint; a
/// validated ticket becomes a local sign-in (or, for "test connection", is kept in the external cookie for the admin
/// to look at, signing nobody in); any protocol failure (state, nonce, code, signature, audience, provider error)
/// is audited and shown as a clear refusal page.
/// </summary>
public sealed class SsoOpenIdConnectEvents(SsoSignIn signIn, AppDbContext db, AuditLog audit, TimeProvider clock) : OpenIdConnectEvents
{
    public const string ModeKey = "sso.mode";
    public const string TestMode = "test";
    public const string LoginHintKey = "sso.login-hint";
    public const string ReturnUrlKey = "sso.return-url";

    /// <summary>Put on the external principal of a test run, so its page shows only its own connection's result.</summary>
    public const string TestedConnectionClaim = "networksaas.sso-tested-connection";

    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Properties.Items.TryGetValue(LoginHintKey, out var hint) && !string.IsNullOrEmpty(hint))
        {
            context.ProtocolMessage.LoginHint = hint;
        }

        return base.RedirectToIdentityProvider(context);
    }

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SsoSchemeName.TryParse(context.Scheme.Name, out var connectionId, out _))
        {
            throw new InvalidOperationException($"{context.Scheme.Name} is not an SSO scheme.");
        }

        var items = context.Properties?.Items ?? new Dictionary<string, string?>();
        if (items.TryGetValue(ModeKey, out var mode) && mode == TestMode)
        {
            var connection = await db.SsoConnections.SingleAsync(c => c.Id == connectionId, context.HttpContext.RequestAborted).ConfigureAwait(false);
            connection.LastTestedAt = clock.GetUtcNow();
            audit.Record(AuditActions.SsoConnectionTested, connection.Name, context.Principal?.FindFirst("sub")?.Value);
            await db.SaveChangesAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
            (context.Principal?.Identity as ClaimsIdentity)?.AddClaim(new Claim(TestedConnectionClaim, connectionId.ToString()));
            return;
        }

        var next = await signIn.CompleteAsync(connectionId, context.Principal!, (items.TryGetValue(ReturnUrlKey, out var returnUrl) ? returnUrl : null), context.HttpContext.RequestAborted)
            .ConfigureAwait(false);
        context.HandleResponse();
        context.Response.Redirect(next);
    }

    public override async Task RemoteFailure(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var next = await signIn.RefuseAsync(SsoRefusal.Failed, context.Scheme.Name, context.Failure?.Message).ConfigureAwait(false);
        context.HandleResponse();
        context.Response.Redirect(next);
    }
}
