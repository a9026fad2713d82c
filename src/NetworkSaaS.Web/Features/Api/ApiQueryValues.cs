namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// An enum from the query string as the JSON writes it (camelCase, e.g. <c>askedOfMe</c>) or as the pages' URLs do
/// (<c>AskedOfMe</c>); null when it is missing or names no value, so the caller falls back to the pages' default.
/// </summary>
public static class ApiQueryValues
{
    public static T? Enum<T>(string? value)
        where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(value) && !char.IsAsciiDigit(value.Trim()[0]) && System.Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : null;
}
