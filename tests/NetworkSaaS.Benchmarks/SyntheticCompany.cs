using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Seeds.Synthetic;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Benchmarks;

internal sealed record StoredData(int Contacts, int Users, DateOnly Today, DateTimeOffset GeneratedAt);

/// <summary>
/// The synthetic company of a benchmark in its own database of the benchmark's cluster, with the app running on it:
/// generated (tenant and users through the app's own code, contacts by binary COPY), or reused when the marker file
/// says the database already holds the same size of company.
/// </summary>
internal sealed class SyntheticCompany : IAsyncDisposable
{
    public const string Password = "harbor-lantern-violet-2026";

    private SyntheticCompany(
        DatabaseConnections connections, string superUserConnectionString, BenchmarkApp app, SyntheticNetworkGenerator generator,
        IReadOnlyList<SyntheticOrganization> organizations, ITenantInfo tenant, IReadOnlyList<AppUser> users, GenerationFigures generation)
    {
        Connections = connections;
        SuperUserConnectionString = superUserConnectionString;
        App = app;
        Generator = generator;
        Organizations = organizations;
        Tenant = tenant;
        Users = users;
        Generation = generation;
    }

    public DatabaseConnections Connections { get; }
    public string SuperUserConnectionString { get; }
    public BenchmarkApp App { get; }
    public SyntheticNetworkGenerator Generator { get; }
    public IReadOnlyList<SyntheticOrganization> Organizations { get; }
    public ITenantInfo Tenant { get; }
    public IReadOnlyList<AppUser> Users { get; }
    public GenerationFigures Generation { get; }

    /// <param name="marker">The file (in the cluster's folder) saying what the database holds.</param>
    /// <param name="addActivity">Runs once on freshly generated data (not on reuse), before the marker is written.</param>
    public static Task<SyntheticCompany> PrepareAsync(
        EmbeddedPostgres postgres, string root, string database, string marker, BenchmarkOptions options, ContactVisibility? visibility,
        Func<SyntheticCompany, CancellationToken, Task>? addActivity, CancellationToken ct) =>
        PrepareAsync(postgres, root, database, marker, options, visibility, addActivity, appSettings: null, ct);

    /// <param name="appSettings">Configuration of the app beyond the benchmark's own (<see cref="BenchmarkApp"/>).</param>
    public static async Task<SyntheticCompany> PrepareAsync(
        EmbeddedPostgres postgres, string root, string database, string marker, BenchmarkOptions options, ContactVisibility? visibility,
        Func<SyntheticCompany, CancellationToken, Task>? addActivity, IReadOnlyDictionary<string, string?>? appSettings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        ArgumentNullException.ThrowIfNull(options);
        var slug = SyntheticNetworkOptions.DefaultSlug;
        marker = Path.Combine(root, marker);
        var stored = File.Exists(marker) ? JsonSerializer.Deserialize<StoredData>(await File.ReadAllTextAsync(marker, ct)) : null;
        var reuse = stored is not null && stored.Contacts == options.Contacts && stored.Users == options.Users;
        if (!reuse)
        {
            File.Delete(marker);
            await using var connection = new NpgsqlConnection(postgres.SuperUserConnectionString("postgres"));
            await connection.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }

        var connections = await postgres.EnsureDatabaseAsync(database, ct);
        if (options.AppConnectionSettings is { Length: > 0 } extra)
        {
            connections = connections with { App = new NpgsqlConnectionStringBuilder($"{connections.App};{extra}").ConnectionString };
            Console.WriteLine($"App role connection settings added: {extra}");
        }

        await DatabaseMigrator.MigrateAsync(connections.Owner, ct);
        NpgsqlConnection.ClearAllPools();
        Console.WriteLine($"PostgreSQL on 127.0.0.1:{postgres.Port} ({root}, database {database}), migrated");

        var generator = new SyntheticNetworkGenerator(new SyntheticNetworkOptions
        {
            Users = options.Users,
            Contacts = options.Contacts,
            Today = reuse ? stored!.Today : TenantClock.Today(new Tenant { Slug = slug, Name = "", TimeZoneId = "Asia/Tokyo" }, TimeProvider.System),
            Visibility = visibility,
        });
        var organizations = generator.Organizations();
        var superUser = postgres.SuperUserConnectionString(database);

        var app = new BenchmarkApp(connections, Path.Combine(root, "mail"), settings: appSettings);
        app.Start();
        var services = app.Services;
        Console.WriteLine($"App (role web, environment Benchmark) on {app.BaseAddress}");

        if (reuse)
        {
            var (tenant, users) = await LoadTenantAsync(services, generator, ct);
            Console.WriteLine($"Reusing the synthetic company generated on {stored!.GeneratedAt:yyyy-MM-dd HH:mm} (as of {stored.Today:yyyy-MM-dd})");
            return new SyntheticCompany(connections, superUser, app, generator, organizations, tenant, users,
                new GenerationFigures(users.Count, options.Contacts, 0, Reused: true));
        }

        Console.WriteLine($"Generating the synthetic company '{slug}' as of {generator.Options.Today:yyyy-MM-dd}…");
        var watch = Stopwatch.StartNew();
        var seeded = await new SyntheticTenantSeeder(services.GetRequiredService<IServiceScopeFactory>(), generator).SeedAsync(Password, ct);
        Console.WriteLine(Report.F($"  tenant, {SyntheticNetworkGenerator.Departments.Count} departments and {seeded.Users.Count:N0} users in {watch.Elapsed.TotalSeconds:0.0} s"));
        await new SyntheticContactLoader(superUser)
            .LoadAsync([new SyntheticTenantData(seeded.Tenant, generator, [.. seeded.Users.Select(u => u.Id)], organizations)], ct);
        var company = new SyntheticCompany(connections, superUser, app, generator, organizations, seeded.Tenant, seeded.Users,
            new GenerationFigures(seeded.Users.Count, options.Contacts, 0, Reused: false));
        if (addActivity is not null)
        {
            await addActivity(company, ct);
        }

        var generation = new GenerationFigures(seeded.Users.Count, options.Contacts, watch.Elapsed.TotalSeconds, Reused: false);
        Console.WriteLine(Report.F($"Generation took {generation.Seconds:0.0} s"));
        await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(new StoredData(options.Contacts, options.Users, generator.Options.Today, DateTimeOffset.UtcNow)), ct);
        return new SyntheticCompany(connections, superUser, app, generator, organizations, seeded.Tenant, seeded.Users, generation);
    }

    private static async Task<(ITenantInfo Tenant, IReadOnlyList<AppUser> Users)> LoadTenantAsync(IServiceProvider services, SyntheticNetworkGenerator generator, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == SyntheticNetworkOptions.DefaultSlug, ct);
        scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
        var byEmail = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Email!, StringComparer.Ordinal, ct);
        return (tenant, [.. generator.Users().Select(u => byEmail[u.Email])]);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
