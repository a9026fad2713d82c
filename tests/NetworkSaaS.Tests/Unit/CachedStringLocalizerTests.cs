using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Tests.Unit;

/// <summary>The strings kept per UI culture: each language gets its own, formatting follows the request's culture.</summary>
public sealed class CachedStringLocalizerTests
{
    private static readonly CachedStringLocalizerFactory Factory =
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }

    [Fact]
    public void Each_language_keeps_its_own_strings_and_arguments_are_formatted_in_the_request_culture()
    {
        var l = Factory.Create(typeof(SharedResource));
        Assert.Same(l, Factory.Create(typeof(SharedResource)));
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal("人脈を探す", InCulture("ja", () => l["Discover"].Value));
            Assert.Equal("Discover", InCulture("en", () => l["Discover"].Value));
            Assert.Equal("1.5人が見つかりました。", InCulture("ja", () => l["{0} people found.", 1.5].Value));
            Assert.Equal("1,5 people found.", InCulture("fr", () => l["{0} people found.", 1.5].Value));
        }
    }

    [Fact]
    public void A_name_without_a_string_is_answered_with_itself_and_never_kept()
    {
        var l = Factory.Create(typeof(SharedResource));
        var missing = InCulture("ja", () => l["no such string " + Guid.NewGuid()]);
        Assert.True(missing.ResourceNotFound);
        Assert.StartsWith("no such string ", missing.Value, StringComparison.Ordinal);
        Assert.Equal("x 7", InCulture("en", () => l["x {0}", 7].Value));
    }
}
