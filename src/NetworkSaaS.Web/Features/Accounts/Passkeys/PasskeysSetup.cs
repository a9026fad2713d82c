using Microsoft.AspNetCore.Identity;

namespace NetworkSaaS.Web.Features.Accounts.Passkeys;

/// <summary>
/// WebAuthn relying-party settings for Identity's passkey handler. The server domain (the passkey's RP ID) and the
/// origins allowed to use it come from configuration, never from the request's Host header:
/// <c>Passkeys:ServerDomain</c> (e.g. <c>networksaas.example.com</c>) and optionally <c>Passkeys:Origins</c>
/// (default: <c>https://{ServerDomain}</c>). Development and Testing default to <c>localhost</c>, where any
/// http://localhost port is accepted (browsers treat localhost as a secure context).
/// </summary>
public static class PasskeysSetup
{
    public const string LocalDomain = "localhost";

    public static IServiceCollection AddPasskeys(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var local = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        // Outside Development and Testing, StartupConfigurationCheck has already refused to start without the setting.
        var domain = configuration["Passkeys:ServerDomain"] is { Length: > 0 } configured ? configured.Trim().ToLowerInvariant() : LocalDomain;
        var origins = configuration.GetSection("Passkeys:Origins").Get<string[]>() is { Length: > 0 } listed
            ? listed.Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [$"https://{domain}"];

        services.AddScoped<PasskeyList>();
        services.AddScoped<PasskeySignIn>();
        services.Configure<IdentityPasskeyOptions>(options =>
        {
            options.ServerDomain = domain;
            options.ValidateOrigin = context => ValueTask.FromResult(
                !context.CrossOrigin && IsAllowedOrigin(context.Origin, origins, domain == LocalDomain && local));
        });
        return services;
    }

    internal static bool IsAllowedOrigin(string origin, IReadOnlySet<string> origins, bool anyLocalhostPort) =>
        origins.Contains(origin.TrimEnd('/'))
        || (anyLocalhostPort && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Host == LocalDomain && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/");
}
