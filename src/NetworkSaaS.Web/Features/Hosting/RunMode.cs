namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// What this process does. One executable: `--role web` serves pages only, `--role worker` runs background jobs only
/// (scale them separately), the default runs both; `migrate` applies database migrations and exits.
/// </summary>
public sealed record RunMode(bool ServesWeb, bool RunsJobs, bool MigrateOnly)
{
    public static RunMode Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
        {
            return new RunMode(false, false, true);
        }

        var roleIndex = args.ToList().FindIndex(a => a.Equals("--role", StringComparison.OrdinalIgnoreCase));
        var role = roleIndex >= 0 && roleIndex + 1 < args.Count ? args[roleIndex + 1].ToLowerInvariant() : "all";
        return role switch
        {
            "web" => new RunMode(true, false, false),
            "worker" => new RunMode(false, true, false),
            "all" => new RunMode(true, true, false),
            _ => throw new ArgumentException($"Unknown --role '{role}'. Use web, worker or all."),
        };
    }
}
