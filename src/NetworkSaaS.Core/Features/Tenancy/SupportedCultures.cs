namespace NetworkSaaS.Core.Features.Tenancy;

public static class SupportedCultures
{
    public const string Japanese = "ja";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Japanese, English];

    public static bool IsSupported(string? culture) => culture is not null && All.Contains(culture);
}
