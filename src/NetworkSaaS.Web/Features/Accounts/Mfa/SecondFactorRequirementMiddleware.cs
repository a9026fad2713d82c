using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Accounts.Mfa;

/// <summary>
/// Enforces the company's MFA policy: a signed-in user it covers who has no second factor yet can only enroll, sign
/// out or switch language. Page visits are sent to enrollment; everything else (form posts, handlers, endpoints) is 403.
/// A session started by the company's identity provider (SSO) is exempt: the provider enforces the second factor.
/// </summary>
public sealed class SecondFactorRequirementMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ITenantContextAccessor tenants, SecondFactorStatus status, IOptions<IdentityOptions> identity)
    {
        // The route value, not only the scope's tenant: a re-executed error page (/error/403) keeps the scope.
        if (tenants.Tenant is { } tenant
            && context.GetRouteValue(TenantResolutionMiddleware.RouteKey) is string
            && context.User.Identity?.IsAuthenticated == true
            && !context.User.HasClaim(ClaimTypes.AuthenticationMethod, Sso.SsoSignIn.AuthenticationMethod)
            && tenant.MfaPolicy.Requires(context.User.IsInRole)
            && context.GetEndpoint() is { } endpoint
            && !IsAllowedWithoutSecondFactor(endpoint)
            && Guid.TryParse(context.User.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var userId)
            && !await status.HasSecondFactorAsync(userId, context.RequestAborted).ConfigureAwait(false))
        {
            if (IsPageVisit(context, endpoint))
            {
                context.Response.Redirect(AuthenticatorPaths.Enrollment(tenant.Slug));
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return;
        }

        await next(context).ConfigureAwait(false);
    }

    // Page model attributes are not endpoint metadata; the compiled page's model type carries them.
    private static bool IsAllowedWithoutSecondFactor(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>()?.HandlerTypeInfo.IsDefined(typeof(AllowedWithoutSecondFactorAttribute), inherit: false) == true;

    private static bool IsPageVisit(HttpContext context, Endpoint endpoint) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null
        && !context.Request.Query.ContainsKey("handler");
}

public static class AuthenticatorPaths
{
    public static string Enrollment(string slug) => $"/{slug}/account/security/authenticator";

    public static string SecondStep(string slug) => $"/{slug}/account/login/mfa";
}
