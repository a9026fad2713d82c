using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>
/// The framework's OpenID Connect handler, fenced in to its company: it runs only in its own tenant's requests, and
/// takes a callback on /{tenant}/signin-oidc only when the state parameter is its own (the state is protected per
/// connection), so two connections of one company, or a callback replayed under another company, never mix.
/// </summary>
public sealed class SsoOpenIdConnectHandler(
    IOptionsMonitor<OpenIdConnectOptions> options,
    ILoggerFactory logger,
    HtmlEncoder htmlEncoder,
    UrlEncoder encoder,
    SsoSchemeRegistry registry,
    ITenantContextAccessor tenantContext) : OpenIdConnectHandler(options, logger, htmlEncoder, encoder)
{
    public SsoSchemeSettings Settings { get; private set; } = null!;

    protected override async Task InitializeHandlerAsync()
    {
        if (!registry.TryGet(Scheme.Name, out var settings) || tenantContext.Tenant?.Id != settings.TenantId)
        {
            throw new InvalidOperationException($"The SSO scheme {Scheme.Name} does not belong to this request's company.");
        }

        Settings = settings;
        await base.InitializeHandlerAsync().ConfigureAwait(false);
    }

    public override async Task<bool> ShouldHandleRequestAsync()
    {
        if (!await base.ShouldHandleRequestAsync().ConfigureAwait(false) || tenantContext.Tenant?.Id != Settings.TenantId)
        {
            return false;
        }

        var state = Request.Query[OpenIdConnectParameterNames.State].ToString();
        return state.Length > 0 && Options.StateDataFormat.Unprotect(state) is not null;
    }
}
