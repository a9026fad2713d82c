using Microsoft.AspNetCore.DataProtection;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>Client secrets are kept protected by the data-protection keys (a purpose of their own), never as text.</summary>
public sealed class SsoSecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("NetworkSaaS.Sso.ClientSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
