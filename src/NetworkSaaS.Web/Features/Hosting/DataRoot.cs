namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>Where development state lives: `.data/` at the repository root (ignored by git).</summary>
public static class DataRoot
{
    public static string Find(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetworkSaaS.sln")))
            {
                return Path.Combine(dir.FullName, ".data");
            }
        }

        return Path.Combine(contentRoot, ".data");
    }
}
