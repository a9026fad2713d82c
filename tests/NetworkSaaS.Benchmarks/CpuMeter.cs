using System.Globalization;

namespace NetworkSaaS.Benchmarks;

/// <summary>CPU seconds used so far by this process (app, Kestrel and load generator) and by the PostgreSQL cluster.</summary>
internal readonly record struct CpuSample(double Process, double Postgres)
{
    public static CpuSample operator -(CpuSample a, CpuSample b) => new(a.Process - b.Process, a.Postgres - b.Postgres);
}

/// <summary>
/// Reads /proc (Linux): this process, and the postmaster with its children (backends alive now, and those already
/// ended through the postmaster's children totals), so a scenario's CPU can be split between .NET and PostgreSQL.
/// </summary>
internal sealed class CpuMeter(string clusterDirectory)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public CpuSample Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new CpuSample(double.NaN, double.NaN);
        }

        var self = Stat("/proc/self/stat");
        var postmaster = PostmasterPid();
        if (self is null || postmaster is null || Stat($"/proc/{postmaster}/stat") is not { } main)
        {
            return new CpuSample(self is { } s ? (s.User + s.System) / TicksPerSecond : double.NaN, double.NaN);
        }

        var postgres = main.User + main.System + main.ChildrenUser + main.ChildrenSystem;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (name.Length > 0 && char.IsAsciiDigit(name[0]) && Stat(Path.Combine(directory, "stat")) is { } child && child.ParentId == postmaster)
            {
                postgres += child.User + child.System;
            }
        }

        return new CpuSample((self.Value.User + self.Value.System) / TicksPerSecond, postgres / TicksPerSecond);
    }

    private int? PostmasterPid()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(clusterDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private readonly record struct ProcessStat(int ParentId, long User, long System, long ChildrenUser, long ChildrenSystem);

    private static ProcessStat? Stat(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // pid (comm) state ppid … utime(14) stime(15) cutime(16) cstime(17): the command may contain spaces, so split after ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length < 15
            ? null
            : new ProcessStat(
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture),
                long.Parse(fields[12], CultureInfo.InvariantCulture),
                long.Parse(fields[13], CultureInfo.InvariantCulture),
                long.Parse(fields[14], CultureInfo.InvariantCulture));
    }
}
