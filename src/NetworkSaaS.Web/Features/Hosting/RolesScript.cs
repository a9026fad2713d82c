namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>deploy/db/roles.sql, embedded so the development database is made exactly as production's is.</summary>
internal static class RolesScript
{
    public static string Read()
    {
        using var stream = typeof(RolesScript).Assembly.GetManifestResourceStream("NetworkSaaS.Web.roles.sql")
                           ?? throw new InvalidOperationException("roles.sql is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
