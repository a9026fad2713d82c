namespace NetworkSaaS.Core.Features.Platform;

/// <summary>
/// A person who runs the platform (/ops). Not a user of any tenant: no tenant_id, created only from the command line
/// (`--create-operator EMAIL`), signing in at /ops/login with a password and an authenticator code.
/// </summary>
public sealed class PlatformOperator
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();

    /// <summary>The one-time password printed by the command line must be replaced at the first sign-in.</summary>
    public bool PasswordChangeRequired { get; set; } = true;

    /// <summary>
    /// RFC 6238 shared secret, stored encrypted with data protection (whose keys the certificate encrypts): a database
    /// dump does not reveal it. <see cref="TwoFactorEnabled"/> only once a code from it was confirmed.
    /// </summary>
    public string? AuthenticatorKey { get; set; }
    public bool TwoFactorEnabled { get; set; }
    public bool LockoutEnabled { get; set; } = true;
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What operators did and tried (sign-ins, enrollment, changes made under /ops). Insert and read only for the app.</summary>
public sealed class PlatformAuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; set; }
    public Guid? OperatorId { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
}

public static class PlatformAuditActions
{
    public const string OperatorCreated = "ops.operator.created";
    public const string SignInSucceeded = "ops.signin.succeeded";
    public const string SignInFailed = "ops.signin.failed";
    public const string LockedOut = "ops.signin.locked-out";
    public const string MfaEnrolled = "ops.mfa.enrolled";
    public const string PasswordChanged = "ops.password.changed";
    public const string SignedOut = "ops.signout";
}
