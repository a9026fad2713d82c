using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Sso;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>What one version of a connection needs to run its OpenID Connect handler (the secret already unprotected).</summary>
public sealed record SsoSchemeSettings(
    Guid TenantId, string TenantSlug, Guid ConnectionId, int Version, string Authority, string ClientId, string ClientSecret)
{
    public string SchemeName => SsoSchemeName.For(ConnectionId, Version);

    public string CallbackPath => SsoSchemeName.CallbackPath(TenantSlug);
}

/// <summary>"sso-{connection id}-{version}": one authentication scheme per version of each company's connection.</summary>
public static class SsoSchemeName
{
    private const string Prefix = "sso-";

    public static string For(Guid connectionId, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{connectionId:N}-{version}");

    public static string CallbackPath(string tenantSlug) => $"/{tenantSlug}/signin-oidc";

    public static bool TryParse(string? name, out Guid connectionId, out int version)
    {
        connectionId = Guid.Empty;
        version = 0;
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal) || name.Length < Prefix.Length + 34 || name[Prefix.Length + 32] != '-')
        {
            return false;
        }

        return Guid.TryParseExact(name.AsSpan(Prefix.Length, 32), "N", out connectionId)
               && int.TryParse(name.AsSpan(Prefix.Length + 33), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}

/// <summary>
/// The settings of each scheme version this process has met, filled from the database (in the request's tenant)
/// before a handler for it is made; the named options read them from here. A version never changes, so caching
/// its options is safe in every process; an edited connection gets a new name.
/// </summary>
public sealed class SsoSchemeRegistry
{
    private readonly ConcurrentDictionary<string, SsoSchemeSettings> _settings = new(StringComparer.Ordinal);

    public bool TryGet(string name, out SsoSchemeSettings settings) => _settings.TryGetValue(name, out settings!);

    public void Add(SsoSchemeSettings settings) => _settings[settings.SchemeName] = settings;

    public void Forget(string name) => _settings.TryRemove(name, out _);
}

/// <summary>
/// The framework's scheme provider plus the companies' SSO schemes, which live in the database: a scheme is found
/// only in its own company's requests, and only the current company's schemes may handle /{tenant}/signin-oidc.
/// Nothing is kept per process that another process could change: each request reads the current versions.
/// </summary>
public sealed class SsoAuthenticationSchemeProvider(
    IOptions<AuthenticationOptions> options,
    IHttpContextAccessor http,
    SsoSchemeRegistry registry,
    SsoSecretProtector secrets) : AuthenticationSchemeProvider(options)
{
    public override async Task<AuthenticationScheme?> GetSchemeAsync(string name)
    {
        if (!SsoSchemeName.TryParse(name, out var connectionId, out var version))
        {
            return await base.GetSchemeAsync(name).ConfigureAwait(false);
        }

        var tenant = CurrentTenant();
        if (tenant is null)
        {
            return null;
        }

        if (registry.TryGet(name, out var known))
        {
            return known.TenantId == tenant.Id ? Scheme(name) : null;
        }

        var db = http.HttpContext!.RequestServices.GetRequiredService<AppDbContext>();
        var connection = await db.SsoConnections.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == connectionId && c.Version == version).ConfigureAwait(false);
        if (connection is null)
        {
            return null;
        }

        Register(tenant, connection);
        return Scheme(name);
    }

    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var schemes = await base.GetRequestHandlerSchemesAsync().ConfigureAwait(false);
        var tenant = CurrentTenant();
        var context = http.HttpContext;
        if (tenant is null || context is null || !context.Request.Path.Equals(SsoSchemeName.CallbackPath(tenant.Slug), StringComparison.Ordinal))
        {
            return schemes;
        }

        var db = context.RequestServices.GetRequiredService<AppDbContext>();
        var connections = await db.SsoConnections.AsNoTracking().ToListAsync(context.RequestAborted).ConfigureAwait(false);
        return schemes.Concat(connections.Select(c => Scheme(Register(tenant, c).SchemeName))).ToList();
    }

    private SsoSchemeSettings Register(ITenantInfo tenant, SsoConnection connection)
    {
        var name = SsoSchemeName.For(connection.Id, connection.Version);
        if (registry.TryGet(name, out var known))
        {
            return known;
        }

        var settings = new SsoSchemeSettings(tenant.Id, tenant.Slug, connection.Id, connection.Version, connection.Authority,
            connection.ClientId, secrets.Unprotect(connection.ProtectedClientSecret));
        registry.Add(settings);
        return settings;
    }

    private ITenantInfo? CurrentTenant() => http.HttpContext?.RequestServices.GetRequiredService<ITenantContextAccessor>().Tenant;

    private static AuthenticationScheme Scheme(string name) => new(name, name, typeof(SsoOpenIdConnectHandler));
}
