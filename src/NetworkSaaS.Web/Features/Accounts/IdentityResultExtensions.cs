using Microsoft.AspNetCore.Identity;

namespace NetworkSaaS.Web.Features.Accounts;

public static class IdentityResultExtensions
{
    /// <summary>
    /// For Identity calls that fail only when something is wrong in the system (the input was validated before): the
    /// result's errors become an exception instead of being ignored.
    /// </summary>
    public static void ThrowIfFailed(this IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
