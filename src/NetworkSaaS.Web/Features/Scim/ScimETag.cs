namespace NetworkSaaS.Web.Features.Scim;

/// <summary>Weak ETags from a row's concurrency stamp (meta.version); If-Match with another version is 412.</summary>
public static class ScimETag
{
    public static string Of(string? stamp) => $"W/\"{stamp}\"";

    public static void Check(string? ifMatch, string? currentStamp)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return;
        }

        var current = Of(currentStamp);
        var matches = ifMatch.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(tag => tag == "*" || Weak(tag) == Weak(current));
        if (!matches)
        {
            throw ScimException.PreconditionFailed();
        }
    }

    private static string Weak(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
