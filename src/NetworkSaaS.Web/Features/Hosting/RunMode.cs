namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// What this process does. One executable: `--role web` serves pages only, `--role worker` runs background jobs only
/// (scale them separately), the default runs both; `migrate` applies database migrations and exits.
/// </summary>
public sealed record RunMode(bool ServesWeb, bool RunsJobs, bool MigrateOnly)
{
    /// <summary>`migrate` is a bare argument; the role comes from configuration, so `--role worker` and Role=worker both work.</summary>
    public static RunMode From(IReadOnlyList<string> args, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
        {
            return new RunMode(false, false, true);
        }

        var role = (configuration["role"] ?? "all").ToLowerInvariant();
        return role switch
        {
            "web" => new RunMode(true, false, false),
            "worker" => new RunMode(false, true, false),
            "all" => new RunMode(true, true, false),
            _ => throw new ArgumentException($"Unknown --role '{role}'. Use web, worker or all."),
        };
    }
}
