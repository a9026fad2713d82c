using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>
/// RFC 8058 one-click unsubscribe: a mail program POSTs <c>List-Unsubscribe=One-Click</c> to the URL of the
/// List-Unsubscribe header, without cookies or a form of ours, so there is no antiforgery token to check. That is safe
/// because nothing here rests on ambient credentials: the token in the URL, which only our servers can make, is the
/// whole authority, and it can only stop one kind of email for one person.
/// </summary>
public static class UnsubscribeEndpoint
{
    public static void MapOneClickUnsubscribe(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/{tenant:slug}/" + UnsubscribeLinks.OneClickPath, HandleAsync).AllowAnonymous().DisableAntiforgery();

    private static async Task<IResult> HandleAsync(
        HttpContext context, UnsubscribeLinks links, NotificationSettingsStore settings, ITenantContextAccessor tenantContext, string? token)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form["List-Unsubscribe"] != "One-Click")
        {
            return Results.BadRequest();
        }

        var request = links.Read(tenantContext.Tenant!, token);
        return request is not null && await settings.UnsubscribeAsync(request, context.RequestAborted).ConfigureAwait(false)
            ? Results.Ok()
            : Results.NotFound();
    }
}
