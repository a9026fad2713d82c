using System.Security.Cryptography.X509Certificates;
using NetworkSaaS.Web.Features.Hosting;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>
/// What the app requires outside Development, for every app the tests start (in-process and worker processes): the
/// public base URL of links in mails and the certificate that encrypts the data-protection keys. One certificate per
/// test run, so a worker process and the test's app read each other's keys.
/// </summary>
public static class RequiredSettings
{
    public const string BaseUrl = "http://localhost:5080";
    public const string CertificatePassword = "test-certificate-password";

    private static readonly Lazy<string> CertificateFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"networksaas-test-dp-{Environment.ProcessId}.pfx");
        using var certificate = DataProtectionCertificates.CreateSelfSigned("CN=NetworkSaaS tests data protection");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, CertificatePassword));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    public static string CertificatePath => CertificateFile.Value;

    public static IReadOnlyDictionary<string, string> All => new Dictionary<string, string>
    {
        ["Email:BaseUrl"] = BaseUrl,
        ["DataProtection:Certificate:Path"] = CertificatePath,
        ["DataProtection:Certificate:Password"] = CertificatePassword,
    };
}
