namespace NetworkSaaS.Core.Features.Accounts;

/// <summary>Who in a company must have a second factor (an authenticator app, later also a passkey) to use the app.</summary>
public enum MfaPolicy
{
    Nobody = 0,

    /// <summary>Admins, HR and Managers: the roles that see or change other people's data.</summary>
    PrivilegedRoles = 1,
    Everyone = 2,
}

public static class MfaPolicyRules
{
    private static readonly string[] PrivilegedRoles = [Roles.Admin, Roles.HR, Roles.Manager];

    public static bool Requires(this MfaPolicy policy, Func<string, bool> isInRole)
    {
        ArgumentNullException.ThrowIfNull(isInRole);
        return policy switch
        {
            MfaPolicy.Everyone => true,
            MfaPolicy.PrivilegedRoles => PrivilegedRoles.Any(isInRole),
            _ => false,
        };
    }
}
