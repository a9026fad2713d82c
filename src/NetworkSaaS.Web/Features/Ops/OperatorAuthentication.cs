using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Features.Platform;

namespace NetworkSaaS.Web.Features.Ops;

/// <summary>
/// Operators sign in with their own cookie scheme, sent only under /ops and never accepted anywhere else; a tenant
/// user's cookie means nothing here. The cookie says how far the sign-in got: after the password only the
/// second-factor (or enrollment) pages open; everything else under /ops needs the authenticator code too.
/// </summary>
public static class OperatorAuthentication
{
    public const string Scheme = "PlatformOperator";
    public const string SignedInPolicy = "PlatformOperatorSignedIn";
    public const string PasswordCheckedPolicy = "PlatformOperatorPasswordChecked";
    public const string AuthenticatorProvider = "PlatformOperatorAuthenticator";
    public const string StageClaim = "ops:stage";
    public const string SecurityStampClaim = "ops:stamp";
    public const string PasswordStage = "password";
    public const string SignedInStage = "mfa";
    public const string CookiePath = Jobs.PlatformOperatorDashboard.OpsPath;

    /// <summary>Time to type the authenticator code (or enroll) after the password was right.</summary>
    public static readonly TimeSpan SecondStepWindow = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddPlatformOperators(this IServiceCollection services)
    {
        // Identity's UserManager for operators: its password hasher, lockout and RFC 6238 authenticator. The provider has
        // its own name: the provider map is shared with the tenant users' Identity.
        services.AddIdentityCore<PlatformOperator>()
            .AddUserStore<PlatformOperatorStore>()
            .AddTokenProvider<AuthenticatorTokenProvider<PlatformOperator>>(AuthenticatorProvider);
        services.AddScoped<PlatformAudit>();
        services.AddScoped<OperatorSignIn>();
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "networksaas.ops";
            options.Cookie.Path = CookiePath;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(1);
            options.SlidingExpiration = true;
            options.LoginPath = CookiePath + "/login";
            options.AccessDeniedPath = CookiePath + "/login";
            options.Events = new CookieAuthenticationEvents { OnValidatePrincipal = ValidateAgainstDatabaseAsync };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedInPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireClaim(StageClaim, SignedInStage))
            .AddPolicy(PasswordCheckedPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireClaim(StageClaim, PasswordStage));
        return services;
    }

    public static bool IsSignedIn(ClaimsPrincipal? principal) =>
        principal?.Identity is { IsAuthenticated: true, AuthenticationType: Scheme } && principal.HasClaim(StageClaim, SignedInStage);

    /// <summary>
    /// Every request re-reads the operator (there are few): a password change, a reset from the command line or a
    /// lockout ends every session at once.
    /// </summary>
    private static async Task ValidateAgainstDatabaseAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<PlatformOperator>>();
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = id is null ? null : await users.FindByIdAsync(id).ConfigureAwait(false);
        if (user is null
            || user.SecurityStamp != context.Principal!.FindFirstValue(SecurityStampClaim)
            || await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme).ConfigureAwait(false);
        }
    }
}

/// <summary>Issues the operator cookie for one stage of the sign-in.</summary>
public sealed class OperatorSignIn(IHttpContextAccessor http, TimeProvider clock)
{
    public Task SignInAsync(PlatformOperator user, string stage)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.Email),
                new Claim(OperatorAuthentication.StageClaim, stage),
                new Claim(OperatorAuthentication.SecurityStampClaim, user.SecurityStamp),
            ],
            OperatorAuthentication.Scheme);
        var properties = new AuthenticationProperties { IsPersistent = false };
        if (stage == OperatorAuthentication.PasswordStage)
        {
            properties.ExpiresUtc = clock.GetUtcNow() + OperatorAuthentication.SecondStepWindow;
            properties.AllowRefresh = false;
        }

        return Context.SignInAsync(OperatorAuthentication.Scheme, new ClaimsPrincipal(identity), properties);
    }

    public Task SignOutAsync() => Context.SignOutAsync(OperatorAuthentication.Scheme);

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("Operators sign in from a request.");
}
