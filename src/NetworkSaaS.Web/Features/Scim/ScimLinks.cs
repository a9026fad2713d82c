using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Email;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// Absolute SCIM URLs (meta.location, $ref) from the configured Email:BaseUrl, never from the request's Host header,
/// which a client can set to anything.
/// </summary>
public sealed class ScimLinks(EmailOptions email, ITenantContextAccessor tenantContext)
{
    public string Base => BaseFor(email, tenantContext.Tenant!.Slug);

    public string User(Guid id) => $"{Base}/Users/{id}";
    public string Group(Guid id) => $"{Base}/Groups/{id}";

    public static string BaseFor(EmailOptions email, string slug)
    {
        ArgumentNullException.ThrowIfNull(email);
        return $"{email.BaseUrl.TrimEnd('/')}/{slug}/scim/v2";
    }
}
