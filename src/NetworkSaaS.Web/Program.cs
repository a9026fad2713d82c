using NetworkSaaS.Web.Features.Hosting;
using NetworkSaaS.Web.Features.Ops;

var builder = WebApplication.CreateBuilder(args);
var runMode = RunMode.From(args, builder.Configuration);
var embedded = await DevelopmentDatabase.StartIfNeededAsync(builder).ConfigureAwait(false);

if (runMode.MigrateOnly)
{
    var owner = builder.Configuration.GetConnectionString("Owner")
                ?? throw new InvalidOperationException("`migrate` needs ConnectionStrings:Owner (the role that owns the tables).");
    await DatabaseMigrator.MigrateAsync(owner).ConfigureAwait(false);
    Console.WriteLine("Database is up to date.");
    return;
}

builder.AddNetworkSaaS(runMode);
var app = builder.Build();

if (runMode.CreateOperatorEmail is { } operatorEmail)
{
    if (embedded is not null)
    {
        await DatabaseMigrator.MigrateAsync(app.Configuration.GetConnectionString("Owner")!).ConfigureAwait(false);
    }

    await CreateOperatorCommand.RunAsync(app.Services, operatorEmail, Console.Out).ConfigureAwait(false);
    if (embedded is not null)
    {
        await embedded.StopAsync().ConfigureAwait(false);
    }

    return;
}

app.UseNetworkSaaS(runMode);

if (embedded is not null)
{
    await DevelopmentDatabase.PrepareAsync(app).ConfigureAwait(false);
    app.Lifetime.ApplicationStopped.Register(() => embedded.StopAsync().GetAwaiter().GetResult());
}

await app.RunAsync().ConfigureAwait(false);

/// <summary>Entry point; public so the tests can host it.</summary>
public partial class Program;
