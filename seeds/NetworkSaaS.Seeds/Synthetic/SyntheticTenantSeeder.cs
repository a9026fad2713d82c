using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Seeds.Synthetic;

/// <summary>The synthetic company as stored: the tenant and its users in the order of <see cref="SyntheticNetworkGenerator.Users"/>.</summary>
public sealed record SyntheticTenant(Tenant Tenant, IReadOnlyList<AppUser> Users);

/// <summary>
/// Creates the synthetic company: tenant and first Admin through <see cref="TenantProvisioner"/> (as sign-up does), then
/// departments and the other employees in bulk through EF Core as valid Identity rows (normalized names, security
/// stamps, lockout enabled, the Employee role) sharing one password hash computed once — hashing 1,000 passwords would
/// take longer than everything else. For benchmarks only: every employee has the same password.
/// </summary>
public sealed class SyntheticTenantSeeder(IServiceScopeFactory scopeFactory, SyntheticNetworkGenerator generator)
{
    public async Task<SyntheticTenant> SeedAsync(string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        var people = generator.Users();
        var first = people[0];
        Tenant tenant;
        await using (var create = scopeFactory.CreateAsyncScope())
        {
            var result = await create.ServiceProvider.GetRequiredService<TenantProvisioner>().CreateAsync(
                new NewCompany(generator.Options.CompanyName, generator.Options.Slug, generator.Options.Culture, generator.Options.TimeZoneId),
                new FirstAdmin(first.DisplayName, first.DisplayNameKana, first.Email, password),
                cancellationToken).ConfigureAwait(false);
            tenant = result.Tenant ?? throw new InvalidOperationException(
                $"Could not create the synthetic tenant: {(result.SlugTaken ? "the slug is taken" : string.Join("; ", result.Errors.Select(e => e.Description)))}");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var departments = SyntheticNetworkGenerator.Departments.Select((name, i) => new Department { Name = name, SortOrder = i }).ToList();
        db.Departments.AddRange(departments);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var departmentIds = departments.ToDictionary(d => d.Name, d => d.Id, StringComparer.Ordinal);

        var admin = await db.Users.SingleAsync(u => u.NormalizedEmail == userManager.NormalizeEmail(first.Email), cancellationToken).ConfigureAwait(false);
        admin.DepartmentId = departmentIds[first.Department];
        admin.Title = first.Title;
        admin.ExpertiseTags = [.. first.Expertise];

        var employeeRole = await db.Roles.Where(r => r.Name == Roles.Employee).Select(r => r.Id).SingleAsync(cancellationToken).ConfigureAwait(false);
        var hash = userManager.PasswordHasher.HashPassword(admin, password);
        var users = new List<AppUser>(people.Count) { admin };
        foreach (var person in people.Skip(1))
        {
            var user = new AppUser
            {
                TenantId = tenant.Id,
                UserName = person.Email,
                NormalizedUserName = userManager.NormalizeName(person.Email),
                Email = person.Email,
                NormalizedEmail = userManager.NormalizeEmail(person.Email),
                EmailConfirmed = true,
                PasswordHash = hash,
                LockoutEnabled = userManager.Options.Lockout.AllowedForNewUsers,
                DisplayName = person.DisplayName,
                DisplayNameKana = person.DisplayNameKana,
                DepartmentId = departmentIds[person.Department],
                Title = person.Title,
                ExpertiseTags = [.. person.Expertise],
                CreatedAt = tenant.CreatedAt,
            };
            users.Add(user);
            db.Users.Add(user);
            db.UserRoles.Add(new AppUserRole { TenantId = tenant.Id, UserId = user.Id, RoleId = employeeRole });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new SyntheticTenant(tenant, users);
    }
}
