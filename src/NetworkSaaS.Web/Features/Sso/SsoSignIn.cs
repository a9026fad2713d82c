using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Sso;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.CompanyDirectory;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Accounts;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>
/// Turns a validated ID token into a local sign-in: the user is found by their provider identity (issuer + subject),
/// else by email in this company and linked, else created when just-in-time provisioning is on. Department and title
/// follow the directory at every sign-in, and so do the roles the group mapping names. Every refusal is audited and
/// nothing is created by a refused sign-in.
/// </summary>
public sealed class SsoSignIn(
    AppDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    DirectoryGroupRoles groupRoles,
    AuditLog audit,
    ITenantContextAccessor tenantContext,
    IHttpContextAccessor http)
{
    /// <summary>The authentication method claim of a session started by SSO (kept through the stamp revalidation).</summary>
    public const string AuthenticationMethod = "sso";

    /// <returns>Where the browser goes next: the return address, or the refusal page.</returns>
    public async Task<string> CompleteAsync(Guid connectionId, ClaimsPrincipal external, string? returnUrl, CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant!;
        var connection = await db.SsoConnections.AsNoTracking().Include(c => c.Domains)
            .SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is not { IsEnabled: true })
        {
            return await RefuseAsync(SsoRefusal.NotEnabled, connectionId.ToString(), null);
        }

        var claims = new SsoClaims(connection, external);
        if (claims.Email is not { } email || claims.Issuer is not { } issuer || claims.Subject is not { } subject)
        {
            return await RefuseAsync(SsoRefusal.NoEmail, claims.Subject ?? "-", connection.Name);
        }

        if (!claims.EmailVerified)
        {
            return await RefuseAsync(SsoRefusal.EmailUnverified, email, connection.Name);
        }

        if (!connection.Domains.Any(d => d.Domain == SsoDomains.Of(email)))
        {
            return await RefuseAsync(SsoRefusal.DomainNotCovered, email, connection.Name);
        }

        var user = await users.FindByLoginAsync(issuer, subject);
        var link = false;
        if (user is null && await users.FindByEmailAsync(email) is { } byEmail)
        {
            // One provider identity per user: an account already linked to another subject of this issuer is not taken over.
            if ((await users.GetLoginsAsync(byEmail)).Any(l => l.LoginProvider == issuer))
            {
                return await RefuseAsync(SsoRefusal.LinkedElsewhere, email, connection.Name);
            }

            user = byEmail;
            link = true;
        }

        if (user is not null && !await signIn.CanSignInAsync(user))
        {
            return await RefuseAsync(SsoRefusal.Inactive, email, connection.Name);
        }

        if (user is null)
        {
            if (!connection.JitProvisioning)
            {
                return await RefuseAsync(SsoRefusal.NoAccount, email, connection.Name);
            }

            user = await ProvisionAsync(email, claims, cancellationToken);
            link = true;
        }
        else
        {
            await FollowDirectoryAsync(user, claims, cancellationToken);
        }

        if (link)
        {
            (await users.AddLoginAsync(user, new UserLoginInfo(issuer, subject, connection.Name))).ThrowIfFailed();
            audit.Record(AuditActions.SsoUserLinked, email, $"{connection.Name}: {issuer}");
            await db.SaveChangesAsync(cancellationToken);
        }

        if (claims.Groups is { } groups)
        {
            await groupRoles.SyncAsync(user, groups, $"SSO ({connection.Name})", cancellationToken);
        }

        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties(), [new Claim(ClaimTypes.AuthenticationMethod, AuthenticationMethod)]);
        if (user.Culture is { Length: > 0 } culture && http.HttpContext is { } context)
        {
            LocalizationSetup.WriteCultureCookie(context.Response, culture);
        }

        var home = $"/{tenant.Slug}/";
        return returnUrl is { Length: > 0 } local && local.StartsWith(home, StringComparison.Ordinal) && !local.StartsWith("//", StringComparison.Ordinal)
                                                  && !local.Contains('\\', StringComparison.Ordinal)
            ? local
            : home;
    }

    /// <summary>Audits the refusal (nothing else is saved) and names the page that explains it.</summary>
    public async Task<string> RefuseAsync(string code, string subject, string? details)
    {
        audit.Record(AuditActions.SsoSignInRefused, Truncate(subject, 256), Truncate(details is null ? code : $"{code}: {details}", 2000));
        await db.SaveChangesAsync();
        return SsoRefusal.PagePath(tenantContext.Tenant!.Slug, code);
    }

    private async Task<AppUser> ProvisionAsync(string email, SsoClaims claims, CancellationToken cancellationToken)
    {
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = Truncate(claims.DisplayName ?? email.Split('@')[0], 100),
            DisplayNameKana = claims.Kana is { } kana ? Truncate(kana, 100) : null,
            Title = claims.Title is { } title ? Truncate(title, 100) : null,
            DepartmentId = claims.Department is { } department ? (await DepartmentAsync(department, cancellationToken)).Id : null,
        };
        (await users.CreateAsync(user)).ThrowIfFailed();
        (await users.AddToRoleAsync(user, Roles.Employee)).ThrowIfFailed();
        audit.Record(AuditActions.SsoUserProvisioned, email, claims.Department);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>Department and title are the directory's: a sign-in that carries them updates the user.</summary>
    private async Task FollowDirectoryAsync(AppUser user, SsoClaims claims, CancellationToken cancellationToken)
    {
        var changed = false;
        if (claims.Title is { } title && user.Title != Truncate(title, 100))
        {
            user.Title = Truncate(title, 100);
            changed = true;
        }

        if (claims.Department is { } name)
        {
            var department = await DepartmentAsync(name, cancellationToken);
            if (user.DepartmentId != department.Id)
            {
                audit.Record(AuditActions.DepartmentChanged, user.Email ?? user.Id.ToString(), $"SSO → {department.Name}");
                user.DepartmentId = department.Id;
                changed = true;
            }
        }

        if (changed)
        {
            (await users.UpdateAsync(user)).ThrowIfFailed();
        }
    }

    /// <summary>The company's department of that name, created on first use.</summary>
    private async Task<Department> DepartmentAsync(string name, CancellationToken cancellationToken)
    {
        name = Truncate(name, 100);
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Name == name, cancellationToken);
        if (department is not null)
        {
            return department;
        }

        var order = await db.Departments.Select(d => (int?)d.SortOrder).MaxAsync(cancellationToken) ?? 0;
        department = new Department { Name = name, SortOrder = order + 1 };
        db.Departments.Add(department);
        audit.Record(AuditActions.DepartmentAdded, name, "SSO");
        await db.SaveChangesAsync(cancellationToken);
        return department;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
