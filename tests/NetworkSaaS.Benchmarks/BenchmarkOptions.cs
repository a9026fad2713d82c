using System.Globalization;

namespace NetworkSaaS.Benchmarks;

/// <summary>Command line: <c>--contacts N --users N --seconds S --warmup S --clients N --import-rows N --data DIR</c>.</summary>
internal sealed record BenchmarkOptions
{
    public int Contacts { get; init; } = 1_000_000;
    public int Users { get; init; } = 1_000;
    public int Seconds { get; init; } = 20;
    public int WarmupSeconds { get; init; } = 3;

    /// <summary>Each page's unmeasured load right after the app starts (tiered JIT, dynamic PGO), before any measured one.</summary>
    public TimeSpan JitWarmup => TimeSpan.FromSeconds(Math.Max(5, 2 * WarmupSeconds));

    /// <summary>The baseline and the pages compared with it run in this many alternating rounds of Seconds / Rounds each.</summary>
    public int Rounds { get; init; } = 4;
    public int Clients { get; init; } = 16;
    public int ImportRows { get; init; } = 10_000;

    /// <summary>Run the exports benchmark (issue #6) instead of the pages (its company has <see cref="ExportContacts"/> contacts unless --contacts says otherwise).</summary>
    public bool Exports { get; init; }

    public const int ExportContacts = 100_000;

    /// <summary>Measured runs of each export (after one unmeasured run).</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Run the reminder scan benchmark (issue #5) instead of the pages.</summary>
    public bool Reminders { get; init; }
    public int Tenants { get; init; } = 100;

    /// <summary>Run the scale benchmark (issue #16): list, search and discovery over --tenants companies, 1 and 2 web processes.</summary>
    public bool Scale { get; init; }

    public const int ScaleContacts = 5_000_000;
    public int UsersPerTenant { get; init; } = 50;

    /// <summary>Extra Npgsql connection-string settings for the app role, to try pool or prepare settings (e.g. "Max Auto Prepare=20").</summary>
    public string? AppConnectionSettings { get; init; }

    /// <summary>Where the PostgreSQL cluster lives; null: a throwaway folder under /tmp, deleted at the end.</summary>
    public string? DataDirectory { get; init; }

    public const double P95TargetMs = 100;
    public const double DiscoverP95TargetMs = 40;
    public const double DiscoverThroughputRatioTarget = 0.4;
    public const double ThroughputRatioTarget = 0.5;
    public const double ImportTargetSeconds = 10;
    /// <summary>The stay-in-touch scan (warm) within this many times the bare SQL count of due contacts in the same run.</summary>
    public const double ReminderScanTargetRatio = 3;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        var contactsGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                throw new ArgumentException("usage");
            }

            if (name == "--reminders")
            {
                options = options with { Reminders = true };
                continue;
            }

            if (name == "--scale")
            {
                options = options with { Scale = true };
                continue;
            }

            if (name == "--exports")
            {
                options = options with { Exports = true };
                continue;
            }

            contactsGiven |= name == "--contacts";

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--contacts" => options with { Contacts = Positive(name, value, allowZero: true) },
                "--users" => options with { Users = Positive(name, value) },
                "--seconds" => options with { Seconds = Positive(name, value) },
                "--warmup" => options with { WarmupSeconds = Positive(name, value, allowZero: true) },
                "--rounds" => options with { Rounds = Positive(name, value) },
                "--clients" => options with { Clients = Positive(name, value) },
                "--import-rows" => options with { ImportRows = Positive(name, value) },
                "--npgsql" => options with { AppConnectionSettings = value },
                "--runs" => options with { Runs = Positive(name, value) },
                "--tenants" => options with { Tenants = Positive(name, value) },
                "--users-per-tenant" => options with { UsersPerTenant = Positive(name, value) },
                "--data" => options with { DataDirectory = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return contactsGiven ? options : options switch
        {
            { Exports: true } => options with { Contacts = ExportContacts },
            { Scale: true } => options with { Contacts = ScaleContacts },
            _ => options,
        };
    }

    public const string Usage = """
        usage: tests/NetworkSaaS.Benchmarks/run.sh [--contacts N] [--users N] [--seconds S] [--warmup S] [--rounds N] [--clients N] [--import-rows N] [--data DIR] [--npgsql SETTINGS]
               tests/NetworkSaaS.Benchmarks/run.sh --reminders [--tenants N] [--users-per-tenant N] [--contacts N] [--data DIR]
               tests/NetworkSaaS.Benchmarks/run.sh --exports [--contacts N] [--users N] [--runs N] [--data DIR]
               tests/NetworkSaaS.Benchmarks/run.sh --scale [--tenants N] [--users-per-tenant N] [--contacts N] [--clients N] [--seconds S] [--rounds N] [--data DIR]
          --contacts     synthetic contacts (default 1000000)      --users        employees (default 1000)
          --seconds      measured seconds per scenario (20)        --warmup       unmeasured seconds before each (3)
          --clients      concurrent signed-in users (16)           --import-rows  rows of the LinkedIn file (10000)
          --data         keep the database in DIR and reuse it next time (default: a throwaway folder under /tmp)
          --npgsql       extra connection-string settings for the app role, e.g. "Max Auto Prepare=20" (default: none, as deployed)
          --reminders    the stay-in-touch reminder scan instead of the pages: --tenants (100) companies with
                         --users-per-tenant (50) employees each sharing --contacts (1000000) contacts, through the real worker
          --exports      the exports instead of the pages: --contacts (100000, all Shared) to xlsx and CSV, and the HR
                         review workbook for --users (1000) employees, each through the export job, --runs (5) times
          --scale        list, search and discovery over --tenants (100) companies × --users-per-tenant (50) employees
                         sharing --contacts (5000000) contacts (Zipf over the companies), served by 1 and then 2 web
                         processes (dotnet NetworkSaaS.Web.dll --role web) on one durable database
        """;

    private static int Positive(string name, string value, bool allowZero = false) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && (number > 0 || (allowZero && number == 0))
            ? number
            : throw new ArgumentException($"{name} needs a {(allowZero ? "non-negative" : "positive")} whole number, not '{value}'.");
}
