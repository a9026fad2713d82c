namespace NetworkSaaS.Web.Features.Localization;

/// <summary>
/// Endpoint metadata of a page whose language, unless the visitor chose one with the switcher, is its subject's (a public
/// business card: its owner's), before the signed-in user's and the company's.
/// </summary>
public interface IPageCulture
{
    Task<string?> CultureAsync(HttpContext context);
}
