using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Localization;

public static class LocalizationSetup
{
    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, CachedStringLocalizerFactory>());
        services.AddSingleton<IConfigureOptions<RequestLocalizationOptions>, ConfigureRequestLocalization>();
        return services;
    }

    /// <summary>Order: the language switcher's cookie, then the page's own (<see cref="IPageCulture"/>), the user's saved language, the tenant's default, the browser.</summary>
    private sealed class ConfigureRequestLocalization : IConfigureOptions<RequestLocalizationOptions>
    {
        public void Configure(RequestLocalizationOptions options)
        {
            var cultures = SupportedCultures.All.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(SupportedCultures.Japanese);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(async context =>
                    context.GetEndpoint()?.Metadata.GetMetadata<IPageCulture>() is { } page
                    && await page.CultureAsync(context) is { } culture && SupportedCultures.IsSupported(culture)
                        ? new ProviderCultureResult(culture)
                        : null),
                new CustomRequestCultureProvider(context =>
                {
                    var culture = context.User.FindFirst(TenantClaimTypes.Culture)?.Value;
                    return Task.FromResult(SupportedCultures.IsSupported(culture) ? new ProviderCultureResult(culture) : null);
                }),
                new CustomRequestCultureProvider(context =>
                {
                    var tenant = context.RequestServices.GetRequiredService<ITenantContextAccessor>().Tenant;
                    return Task.FromResult(tenant is null ? null : new ProviderCultureResult(tenant.DefaultCulture));
                }),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        }
    }

    public static void WriteCultureCookie(HttpResponse response, string culture)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
    }
}
