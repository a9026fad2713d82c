namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// What this process does. One executable: `--role web` serves pages only, `--role worker` runs background jobs only
/// (scale them separately), the default runs both; `migrate` applies database migrations and exits;
/// `--create-operator EMAIL` creates (or resets) a platform operator and exits.
/// </summary>
public sealed record RunMode(bool ServesWeb, bool RunsJobs, bool MigrateOnly)
{
    /// <summary>Set by `--create-operator EMAIL`: the process only creates that operator, serving and running nothing.</summary>
    public string? CreateOperatorEmail { get; init; }

    /// <summary>`migrate` is a bare argument; the role comes from configuration, so `--role worker` and Role=worker both work.</summary>
    public static RunMode From(IReadOnlyList<string> args, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
        {
            return new RunMode(false, false, true);
        }

        if (configuration["create-operator"] is { } operatorEmail)
        {
            return string.IsNullOrWhiteSpace(operatorEmail)
                ? throw new ArgumentException("--create-operator needs the operator's email: --create-operator ops@example.org")
                : new RunMode(false, false, false) { CreateOperatorEmail = operatorEmail.Trim() };
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
