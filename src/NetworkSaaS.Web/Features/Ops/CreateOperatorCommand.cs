using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Features.Platform;
using NetworkSaaS.Web.Features.Accounts;

namespace NetworkSaaS.Web.Features.Ops;

/// <summary>
/// `--create-operator EMAIL`: the only way an operator comes to exist. Prints a one-time password; at the first
/// sign-in at /ops/login the operator must set up an authenticator and replace that password before /ops opens.
/// For an existing operator (lost authenticator or password) it does the same again: new one-time password, new
/// authenticator key, every session ended.
/// </summary>
public static class CreateOperatorCommand
{
    public const string Argument = "--create-operator";

    public static async Task<string> RunAsync(IServiceProvider services, string email, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformOperator>>();
        var audit = scope.ServiceProvider.GetRequiredService<PlatformAudit>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var password = OneTimePassword();
        var user = await users.FindByEmailAsync(email).ConfigureAwait(false);
        var existed = user is not null;
        if (user is null)
        {
            user = new PlatformOperator { Email = email, NormalizedEmail = users.NormalizeEmail(email), CreatedAt = clock.GetUtcNow() };
            (await users.CreateAsync(user, password).ConfigureAwait(false)).ThrowIfFailed();
        }
        else
        {
            await users.RemovePasswordAsync(user).ConfigureAwait(false);
            (await users.AddPasswordAsync(user, password).ConfigureAwait(false)).ThrowIfFailed();
            await users.SetTwoFactorEnabledAsync(user, false).ConfigureAwait(false);
            await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false);
            await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        }

        user.PasswordChangeRequired = true;
        (await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false)).ThrowIfFailed();
        await audit.RecordAsync(PlatformAuditActions.OperatorCreated, email, user.Id, existed ? "reset from the command line" : "created from the command line", cancellationToken)
            .ConfigureAwait(false);

        await output.WriteLineAsync($"Platform operator {email} {(existed ? "reset" : "created")}.").ConfigureAwait(false);
        await output.WriteLineAsync($"One-time password: {password}").ConfigureAwait(false);
        await output.WriteLineAsync("Sign in at /ops/login with it: you will set up an authenticator app and choose your own password before anything else.")
            .ConfigureAwait(false);
        return password;
    }

    private static string OneTimePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}
