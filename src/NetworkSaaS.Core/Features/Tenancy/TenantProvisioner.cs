using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;

namespace NetworkSaaS.Core.Features.Tenancy;

public sealed record NewCompany(string Name, string Slug, string DefaultCulture, string TimeZoneId);

public sealed record FirstAdmin(string DisplayName, string? DisplayNameKana, string Email, string Password);

public sealed record ProvisioningResult(Tenant? Tenant, AppUser? Admin, bool SlugTaken, IReadOnlyList<IdentityError> Errors)
{
    public bool Succeeded => Tenant is not null && Admin is not null;
}

/// <summary>
/// Creates a company and its first Admin in one transaction (sign-up and the demo seeds both use it).
/// Must run in a scope whose tenant is not yet set: the scope becomes the new tenant's.
/// </summary>
public sealed class TenantProvisioner(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    UserManager<AppUser> userManager,
    TimeProvider clock)
{
    public async Task<ProvisioningResult> CreateAsync(NewCompany company, FirstAdmin admin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(admin);
        if (await db.Tenants.AnyAsync(t => t.Slug == company.Slug, cancellationToken).ConfigureAwait(false))
        {
            return new ProvisioningResult(null, null, true, []);
        }

        var tenant = new Tenant
        {
            Name = company.Name.Trim(),
            Slug = company.Slug,
            DefaultCulture = company.DefaultCulture,
            TimeZoneId = company.TimeZoneId,
            NewYearGreetingsEnabled = Campaigns.CampaignSettings.DefaultFor(company.DefaultCulture),
            SummerGreetingsEnabled = Campaigns.CampaignSettings.DefaultFor(company.DefaultCulture),
            TransferSeasonCheckEnabled = Campaigns.CampaignSettings.DefaultFor(company.DefaultCulture),
            CreatedAt = clock.GetUtcNow(),
        };
        // The tenant must be set before the transaction begins: that is when app.tenant_id is set for SaveChanges' statements.
        tenantContext.SetTenant(tenant);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return new ProvisioningResult(null, null, true, []);
        }

        var user = new AppUser
        {
            TenantId = tenant.Id,
            UserName = admin.Email.Trim(),
            Email = admin.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = admin.DisplayName.Trim(),
            DisplayNameKana = string.IsNullOrWhiteSpace(admin.DisplayNameKana) ? null : admin.DisplayNameKana.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await userManager.CreateAsync(user, admin.Password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return new ProvisioningResult(null, null, false, [.. created.Errors]);
        }

        var roles = await userManager.AddToRolesAsync(user, [Roles.Admin, Roles.Employee]).ConfigureAwait(false);
        if (!roles.Succeeded)
        {
            return new ProvisioningResult(null, null, false, [.. roles.Errors]);
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorUserId = user.Id,
            Action = AuditActions.TenantCreated,
            Subject = tenant.Slug,
            Details = tenant.Name,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ProvisioningResult(tenant, user, false, []);
    }
}
