using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// The data-protection keys (cookies, antiforgery, unsubscribe and reset tokens) live in the database encrypted with an
/// X.509 certificate that does not: a database dump alone cannot forge anything. The certificate is a PFX from
/// DataProtection:Certificate (:Path or :Base64, with :Password); certificates listed under
/// DataProtection:PreviousCertificates still decrypt keys written before a rotation (deploy/runbooks/data-protection-keys.md).
/// Development makes a self-signed one under .data/ on first run.
/// </summary>
public static class DataProtectionCertificates
{
    public const string Section = "DataProtection:Certificate";
    public const string PreviousSection = "DataProtection:PreviousCertificates";
    public const string DevelopmentFileName = "data-protection-certificate.pfx";

    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return !string.IsNullOrWhiteSpace(section["Path"]) || !string.IsNullOrWhiteSpace(section["Base64"]);
    }

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        X509Certificate2 current;
        if (IsConfigured(configuration))
        {
            current = Load(configuration.GetSection(Section));
        }
        else if (environment.IsDevelopment())
        {
            current = DevelopmentCertificate(Path.Combine(DataRoot.Find(environment.ContentRootPath), DevelopmentFileName));
        }
        else
        {
            throw new InvalidOperationException($"{Section}:Path (or :Base64) is not set: outside Development the data-protection keys must be encrypted at rest.");
        }

        var previous = configuration.GetSection(PreviousSection).GetChildren().Select(Load).ToArray();
        builder.ProtectKeysWithCertificate(current);
        return previous.Length == 0 ? builder : builder.UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2 Load(IConfigurationSection section)
    {
        var password = section["Password"];
        var certificate = section["Base64"] is { Length: > 0 } base64
            ? X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password, X509KeyStorageFlags.EphemeralKeySet)
            : X509CertificateLoader.LoadPkcs12FromFile(
                section["Path"] ?? throw new InvalidOperationException($"{section.Path} needs :Path or :Base64."), password, X509KeyStorageFlags.EphemeralKeySet);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The certificate in {section.Path} has no private key: data-protection keys could be written but never read.");
    }

    /// <summary>Made once per development checkout (.data/ is not committed); deleting it invalidates the development keys.</summary>
    private static X509Certificate2 DevelopmentCertificate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, CreateSelfSigned("CN=NetworkSaaS development data protection").Export(X509ContentType.Pkcs12));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.EphemeralKeySet);
    }

    /// <summary>A self-signed RSA certificate for encrypting keys (development, tests).</summary>
    public static X509Certificate2 CreateSelfSigned(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }
}
