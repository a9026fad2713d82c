using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Seeds;

public sealed record DemoLogin(string TenantSlug, string Email, string Role);

/// <summary>
/// The two demo companies (ja + en), each with a user per role and a department structure. Idempotent: it adds
/// only what is missing. Refuses to run outside Development so demo passwords never reach a real deployment.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopeFactory, string environmentName)
{
    /// <summary>Development-only password of every demo login (documented in the README).</summary>
    public const string DemoPassword = "demo-password-2026";

    public static IReadOnlyList<DemoTenant> Tenants { get; } = [DemoTenants.Sakura, DemoTenants.Northwind];

    public static IEnumerable<DemoLogin> DemoLogins =>
        Tenants.SelectMany(t => t.People.Where(p => p.Role is not null).Select(p => new DemoLogin(t.Slug, p.Email, p.Role!)));

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (!string.Equals(environmentName, "Development", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Demo seeds only run in Development (this is {environmentName}).");
        }

        foreach (var demo in Tenants)
        {
            await SeedTenantAsync(demo, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SeedTenantAsync(DemoTenant demo, CancellationToken cancellationToken)
    {
        Tenant? tenant;
        await using (var lookup = scopeFactory.CreateAsyncScope())
        {
            tenant = await lookup.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.AsNoTracking()
                .FirstOrDefaultAsync(t => t.Slug == demo.Slug, cancellationToken).ConfigureAwait(false);
        }

        if (tenant is null)
        {
            await using var create = scopeFactory.CreateAsyncScope();
            var admin = demo.People[0];
            var result = await create.ServiceProvider.GetRequiredService<TenantProvisioner>().CreateAsync(
                new NewCompany(demo.Name, demo.Slug, demo.Culture, demo.TimeZoneId),
                new FirstAdmin(admin.DisplayName, admin.Kana, admin.Email, DemoPassword),
                cancellationToken).ConfigureAwait(false);
            tenant = result.Tenant ?? throw new InvalidOperationException(
                $"Could not create demo tenant {demo.Slug}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < demo.Departments.Count; i++)
        {
            if (!departments.ContainsKey(demo.Departments[i]))
            {
                var department = new Department { Name = demo.Departments[i], SortOrder = i };
                db.Departments.Add(department);
                departments[department.Name] = department;
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        foreach (var person in demo.People)
        {
            var user = await users.FindByEmailAsync(person.Email).ConfigureAwait(false);
            if (user is null)
            {
                user = new AppUser { UserName = person.Email, Email = person.Email, EmailConfirmed = true };
                Apply(person, user, departments);
                Check(await users.CreateAsync(user, DemoPassword).ConfigureAwait(false), person.Email);
            }
            else
            {
                Apply(person, user, departments);
                Check(await users.UpdateAsync(user).ConfigureAwait(false), person.Email);
            }

            var roles = new[] { Roles.Employee }.Concat(person.Role is null or Roles.Employee ? [] : new[] { person.Role }).ToList();
            var missing = roles.Except(await users.GetRolesAsync(user).ConfigureAwait(false)).ToList();
            if (missing.Count > 0)
            {
                Check(await users.AddToRolesAsync(user, missing).ConfigureAwait(false), person.Email);
            }
        }

        await SeedNetworksAsync(demo, scope.ServiceProvider, cancellationToken).ConfigureAwait(false);

        await using var introductions = scopeFactory.CreateAsyncScope();
        introductions.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
        await SeedIntroductionsAsync(demo, tenant, introductions.ServiceProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives each demo person a network, once: a tenant that already has contacts is left as it is.</summary>
    private static async Task SeedNetworksAsync(DemoTenant demo, IServiceProvider scope, CancellationToken cancellationToken)
    {
        var db = scope.GetRequiredService<AppDbContext>();
        if (await db.Contacts.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var writer = scope.GetRequiredService<IDemoContactWriter>();
        var users = scope.GetRequiredService<UserManager<AppUser>>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 0; i < demo.People.Count; i++)
        {
            var owner = await users.FindByEmailAsync(demo.People[i].Email).ConfigureAwait(false);
            await writer.AddAsync(scope, owner!.Id, DemoNetworks.For(demo, i, today), cancellationToken).ConfigureAwait(false);
        }

        // Company facts, so discover's industry filter finds the demo companies.
        foreach (var organization in await db.Organizations.ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            organization.Industry ??= DemoNetworks.IndustryOf(organization.Name);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks and introduction requests in every state, once: a tenant that already has any is left as it is. Only
    /// Shared and Discoverable contacts are offered to the plan; the web app plays it through the introduction workflow.
    /// </summary>
    private static async Task SeedIntroductionsAsync(DemoTenant demo, Tenant tenant, IServiceProvider scope, CancellationToken cancellationToken)
    {
        var db = scope.GetRequiredService<AppDbContext>();
        if (await db.IntroductionRequests.AnyAsync(cancellationToken).ConfigureAwait(false)
            || await db.Asks.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var emails = demo.People.Select(p => p.Email.ToUpperInvariant()).ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive && emails.Contains(u.NormalizedEmail!))
            .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (users.Count != demo.People.Count)
        {
            return;
        }

        var index = users.ToDictionary(u => u.Id, u => emails.IndexOf(u.NormalizedEmail!));
        var ids = index.Keys.ToList();
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => ids.Contains(c.OwnerId) && c.Visibility != ContactVisibility.Private)
            .Select(c => new
            {
                c.Id, c.OwnerId, c.Emails, c.CompanyName, c.OrganizationId, Organization = c.Organization == null ? null : c.Organization.Name,
                c.Visibility, c.OpenTo,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Contact ids are random; the key (owner, then the seeded email, unique per owner) gives the plan a stable order.
        var targets = contacts.Select(c => new DemoTarget(
            c.Id, c.OwnerId, $"{index[c.OwnerId]:D2}|{string.Join(';', c.Emails)}", c.CompanyName, c.OrganizationId, c.Organization, c.Visibility, c.OpenTo)).ToList();
        var people = index.Select(p => new DemoColleague(p.Key, p.Value)).OrderBy(p => p.PersonIndex).ToList();
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Name, d => d.Id, cancellationToken).ConfigureAwait(false);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var plan = DemoIntroductions.Plan(demo, people, departments, targets, zone, DateTimeOffset.UtcNow);
        await scope.GetRequiredService<IDemoIntroductionWriter>().AddAsync(scope, plan, cancellationToken).ConfigureAwait(false);
    }

    private static void Apply(DemoPerson person, AppUser user, Dictionary<string, Department> departments)
    {
        user.DisplayName = person.DisplayName;
        user.DisplayNameKana = person.Kana;
        user.Title = person.Title;
        user.DepartmentId = departments[person.Department].Id;
        user.ExpertiseTags = [.. person.Expertise];
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {email} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

public static class DemoSeedsSetup
{
    public static IServiceCollection AddDemoSeeds(this IServiceCollection services, string environmentName) =>
        services.AddSingleton(sp => new DemoSeeder(sp.GetRequiredService<IServiceScopeFactory>(), environmentName));
}
