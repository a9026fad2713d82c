namespace NetworkSaaS.Web.Features.Exports;

/// <summary>
/// Where a run of an export job writes its file before committing it: a file of its own, named by the export's id
/// and the run, so two runs never write into the same file and a run's leftovers (a killed process) are known.
/// </summary>
public static class ExportTempFiles
{
    /// <summary>Leftovers older than this belong to no running job any more.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), "networksaas-exports");

    public static string NewPath(Guid exportId)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Path.Combine(Directory, $"{exportId:N}-{Guid.NewGuid():N}.tmp");
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Removed by the stale-file sweep at the latest.
        }
    }

    /// <summary>Deletes temp files older than <see cref="StaleAfter"/> (a process killed while writing leaves one).</summary>
    public static int DeleteStale(DateTimeOffset now)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles("*.tmp"))
        {
            if (file.LastWriteTimeUtc < (now - StaleAfter).UtcDateTime)
            {
                Delete(file.FullName);
                deleted++;
            }
        }

        return deleted;
    }
}
