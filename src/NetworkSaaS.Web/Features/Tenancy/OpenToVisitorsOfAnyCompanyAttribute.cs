namespace NetworkSaaS.Web.Features.Tenancy;

/// <summary>
/// A public page that anyone may open, signed in or not: a visitor signed in to another company is served as an
/// anonymous visitor here instead of the 404 that <see cref="TenantClaimGuardMiddleware"/> gives them elsewhere (the
/// business card is scanned at events by people who use NetworkSaaS at their own company).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OpenToVisitorsOfAnyCompanyAttribute : Attribute;
