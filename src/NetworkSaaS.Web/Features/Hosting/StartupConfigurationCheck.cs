namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// Refuses to start with settings that would make the deployment unsafe: outside Development the public base URL and
/// the data-protection certificate must be configured; in Production no setting may still hold a template's
/// placeholder (change-me, example.com, localhost), the allowed hosts must be named, and forwarded headers may be
/// trusted only from listed proxies. All problems are reported together in one message.
/// </summary>
public static class StartupConfigurationCheck
{
    /// <summary>Sections whose values come from the deploy templates (compose .env, k8s configmap and secrets).</summary>
    private static readonly string[] TemplatedSections = ["ConnectionStrings", "Email", "DataProtection", "ForwardedHeaders", "AllowedHosts"];

    private static readonly string[] Placeholders = ["change-me", "change_me", "changeme"];

    private static readonly string[] PlaceholderHosts = ["localhost", "127.0.0.1", "[::1]", "example.com", "example.org", "example.net", "example"];

    public static void Validate(IConfiguration configuration, IHostEnvironment environment, RunMode runMode)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(runMode);
        var problems = Problems(configuration, environment, runMode).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"NetworkSaaS will not start in {environment.EnvironmentName} with this configuration:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "  - " + p)) + Environment.NewLine +
                "See deploy/runbooks/first-install.md.");
        }
    }

    private static IEnumerable<string> Problems(IConfiguration configuration, IHostEnvironment environment, RunMode runMode)
    {
        if (environment.IsDevelopment())
        {
            yield break;
        }

        var baseUrl = configuration["Email:BaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl) || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("https" or "http"))
        {
            yield return "Email:BaseUrl must be the absolute URL users reach the app at (e.g. https://networksaas.your-company.com); every link in a mail is built from it.";
        }

        if (!DataProtectionCertificates.IsConfigured(configuration))
        {
            yield return "DataProtection:Certificate:Path (or DataProtection:Certificate:Base64) must name the PFX certificate that encrypts the data-protection keys at rest.";
        }

        var passkeyDomain = configuration["Passkeys:ServerDomain"];
        // Passkeys are a web matter: a worker-only process never meets a browser.
        if (runMode.ServesWeb && !environment.IsEnvironment("Testing") && string.IsNullOrWhiteSpace(passkeyDomain))
        {
            yield return "Passkeys:ServerDomain must be the host name users open (e.g. networksaas.your-company.com): passkeys are bound to it.";
        }

        if (!environment.IsProduction())
        {
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(passkeyDomain) && IsPlaceholderHost(passkeyDomain.Trim()))
        {
            yield return $"Passkeys:ServerDomain ({passkeyDomain}) is a placeholder or local name: set the host name of this deployment.";
        }

        foreach (var (key, value) in configuration.AsEnumerable()
                     .Where(kv => !string.IsNullOrEmpty(kv.Value) && TemplatedSections.Any(s => kv.Key.Equals(s, StringComparison.OrdinalIgnoreCase) || kv.Key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
                     .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (Placeholders.Any(p => value!.Contains(p, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{key} still holds a placeholder (change-me): set the real value.";
            }
        }

        if (Uri.TryCreate(baseUrl, UriKind.Absolute, out var publicUri) && IsPlaceholderHost(publicUri.Host))
        {
            yield return $"Email:BaseUrl ({baseUrl}) is a placeholder or local address: set the public URL of this deployment.";
        }

        if (configuration["Email:From"] is { } from && from.LastIndexOf('@') is var at and >= 0 && IsPlaceholderHost(from[(at + 1)..].TrimEnd('>', ' ')))
        {
            yield return $"Email:From ({from}) uses a placeholder domain: set your own sender address.";
        }

        if (configuration["AllowedHosts"] is not { Length: > 0 } allowedHosts || allowedHosts.Trim() == "*")
        {
            yield return "AllowedHosts must list the host names the app is reached at (e.g. networksaas.your-company.com), not *.";
        }
        else if (allowedHosts.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                 .FirstOrDefault(h => IsPlaceholderHost(h) && !h.Equals("localhost", StringComparison.OrdinalIgnoreCase)) is { } placeholderHost)
        {
            yield return $"AllowedHosts names {placeholderHost}, a placeholder: list your own host names.";
        }

        if (string.Equals(configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            yield return "ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts X-Forwarded-* from any client: remove it and list your proxies in ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks.";
        }

        if (string.Equals(configuration["Deliveries:AllowUnsafeTargets"], "true", StringComparison.OrdinalIgnoreCase))
        {
            yield return "Deliveries:AllowUnsafeTargets lets webhooks and chat messages reach http and internal addresses (SSRF): it is for Development and tests only.";
        }
    }

    private static bool IsPlaceholderHost(string host) =>
        PlaceholderHosts.Any(p => host.Equals(p, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + p, StringComparison.OrdinalIgnoreCase));
}
