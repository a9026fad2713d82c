using NetworkSaaS.Seeds;

namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// `dotnet run` with no connection string: a private PostgreSQL under .data/, migrated and seeded with the demo tenants.
/// Never used when a connection string is configured, nor outside Development.
/// </summary>
public static class DevelopmentDatabase
{
    public const string DatabaseName = "networksaas";

    public static async Task<EmbeddedPostgres?> StartIfNeededAsync(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetConnectionString("App") is { Length: > 0 } || builder.Configuration.GetConnectionString("Owner") is { Length: > 0 })
        {
            return null;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "ConnectionStrings:App is not set. Outside Development the app never starts its own database: " +
                "set ConnectionStrings:App (and ConnectionStrings:Owner for `migrate`).");
        }

        EmbeddedPostgres postgres;
        try
        {
            postgres = new EmbeddedPostgres(Path.Combine(DataRoot.Find(builder.Environment.ContentRootPath), "postgres"));
        }
        catch (PostgresBinariesMissingException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            Environment.Exit(2);
            throw;
        }

        var started = DateTimeOffset.UtcNow;
        await postgres.StartAsync().ConfigureAwait(false);
        var connections = await postgres.EnsureDatabaseAsync(DatabaseName).ConfigureAwait(false);
        builder.Configuration["ConnectionStrings:App"] = connections.App;
        builder.Configuration["ConnectionStrings:Owner"] = connections.Owner;
        Console.WriteLine($"Embedded PostgreSQL ready on 127.0.0.1:{postgres.Port} in {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s (data in {postgres.ClusterDirectory}).");
        return postgres;
    }

    public static async Task PrepareAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await DatabaseMigrator.MigrateAsync(app.Configuration.GetConnectionString("Owner")!).ConfigureAwait(false);
        var seeder = app.Services.GetRequiredService<DemoSeeder>();
        await seeder.SeedAsync().ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine("NetworkSaaS demo is ready. Sign in with any of these (password: " + DemoSeeder.DemoPassword + "):");
        foreach (var login in DemoSeeder.DemoLogins)
        {
            Console.WriteLine($"  http://localhost:5080/{login.TenantSlug}/account/login   {login.Email}");
        }

        Console.WriteLine();
    }
}
