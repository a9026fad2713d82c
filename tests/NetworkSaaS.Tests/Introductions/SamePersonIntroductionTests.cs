using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Introductions;
using Npgsql;

namespace NetworkSaaS.Tests.Introductions;

/// <summary>One pending introduction request per person, not per contact record: colleagues' records of one person count once.</summary>
public sealed class SamePersonIntroductionTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");

    private Task<IntroductionResult> RequestAsync(Tenant tenant, Guid requester, Guid contact, string reason = "We sell logistics software") =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<IntroductionService>()
            .RequestAsync(requester, new IntroductionInput(contact, null, null, IntroductionPurpose.SalesLead, reason, null), CancellationToken.None));

    private async Task<Contact> ContactAsync(Tenant tenant, Guid owner, ContactVisibility visibility, string emails, string? phones = null) =>
        (await App.CreateContactsAsync(tenant, owner,
        [
            new ContactInput { FamilyName = "Tanaka", GivenName = "Yui", CompanyName = "Client Corp", Emails = emails, Phones = phones, Visibility = visibility, Depth = 3 },
        ]))[0];

    private Task<int> PendingCountAsync(Tenant tenant, Guid requester) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().IntroductionRequests
            .CountAsync(r => r.RequesterId == requester && (r.State == IntroductionState.Requested || r.State == IntroductionState.Accepted)));

    [Fact]
    public async Task Two_colleagues_records_of_the_same_person_cannot_be_requested_at_once_and_the_refusal_points_to_the_pending_request()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var first = await App.CreateUserAsync(tenant, $"first@{_acmeSlug}.test");
        var second = await App.CreateUserAsync(tenant, $"second@{_acmeSlug}.test");
        var third = await App.CreateUserAsync(tenant, $"third@{_acmeSlug}.test");
        var requester = await App.CreateUserAsync(tenant, $"requester@{_acmeSlug}.test");
        var shared = await ContactAsync(tenant, first.Id, ContactVisibility.Shared, "Yui.Tanaka@Client.example", "+81 3-1234-5678");
        // The same person as another colleague typed her: another address too, the same one in another case.
        var discoverable = await ContactAsync(tenant, second.Id, ContactVisibility.Discoverable, "yui@private.example\nYUI.TANAKA@client.example");
        // …and a third record that shares only her phone number, written differently.
        var byPhone = await ContactAsync(tenant, third.Id, ContactVisibility.Shared, "", "+81-3-1234-5678");

        var asked = await RequestAsync(tenant, requester.Id, shared.Id);
        Assert.True(asked.Succeeded, asked.Problem?.ToString());

        var again = await RequestAsync(tenant, requester.Id, discoverable.Id);
        Assert.Equal((IntroductionProblem.PersonAlreadyRequested, asked.RequestId), (again.Problem, again.RequestId));
        Assert.Equal(IntroductionProblem.PersonAlreadyRequested, (await RequestAsync(tenant, requester.Id, byPhone.Id)).Problem);
        Assert.Equal(1, await PendingCountAsync(tenant, requester.Id));

        // The page says so and opens the pending request.
        var client = await App.SignInAsync(_acmeSlug, requester.Email!);
        var page = $"/{_acmeSlug}/introductions/new?contact={discoverable.Id}";
        var refused = await client.PostFormAsync(page, new() { ["Purpose"] = "SalesLead", ["Reason"] = "Another angle" }, page);
        Assert.Equal($"/{_acmeSlug}/introductions/{asked.RequestId}", refused.Headers.Location!.OriginalString);
        Assert.Contains("You already have a pending introduction request for this person", await client.GetStringAsync(refused.Headers.Location.OriginalString), StringComparison.Ordinal);
        Assert.Equal(1, await PendingCountAsync(tenant, requester.Id));

        // Another requester is not affected, and once the first request is withdrawn the other colleague can be asked.
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_acmeSlug}.test");
        Assert.True((await RequestAsync(tenant, colleague.Id, discoverable.Id)).Succeeded);
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<IntroductionService>().WithdrawAsync(requester.Id, asked.RequestId!.Value, CancellationToken.None));
        Assert.True((await RequestAsync(tenant, requester.Id, discoverable.Id, "Another angle")).Succeeded);
    }

    [Fact]
    public async Task The_database_refuses_a_second_pending_request_for_the_same_person_even_when_the_check_is_bypassed()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var first = await App.CreateUserAsync(tenant, $"first@{_acmeSlug}.test");
        var second = await App.CreateUserAsync(tenant, $"second@{_acmeSlug}.test");
        var requester = await App.CreateUserAsync(tenant, $"requester@{_acmeSlug}.test");
        var a = await ContactAsync(tenant, first.Id, ContactVisibility.Shared, "yui.tanaka@client.example");
        var b = await ContactAsync(tenant, second.Id, ContactVisibility.Shared, "Yui.Tanaka@client.example");
        Assert.True((await RequestAsync(tenant, requester.Id, a.Id)).Succeeded);

        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.IntroductionRequests.Add(new IntroductionRequest
            {
                RequesterId = requester.Id, ConnectorId = second.Id, ContactId = b.Id, Purpose = IntroductionPurpose.SalesLead, Reason = "Raced",
                PersonKey = IntroductionPersonKey.For(tenant.Id, b.Emails, b.PhonesE164), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        }));
        Assert.Equal("ux_introduction_requests_open_per_person", Assert.IsType<PostgresException>(failure.InnerException).ConstraintName);
        Assert.Equal(IntroductionPersonKey.For(tenant.Id, a.Emails, a.PhonesE164), IntroductionPersonKey.For(tenant.Id, b.Emails, b.PhonesE164));
        Assert.NotEqual(IntroductionPersonKey.For(tenant.Id, a.Emails, []), IntroductionPersonKey.For(Guid.NewGuid(), a.Emails, []));
    }

    [Fact]
    public async Task The_migration_gives_earlier_requests_the_same_key_and_only_the_older_of_two_pending_ones_keeps_it()
    {
        var (tenant, _) = await App.CreateTenantAsync(_acmeSlug);
        var first = await App.CreateUserAsync(tenant, $"first@{_acmeSlug}.test");
        var second = await App.CreateUserAsync(tenant, $"second@{_acmeSlug}.test");
        var requester = await App.CreateUserAsync(tenant, $"requester@{_acmeSlug}.test");
        var a = await ContactAsync(tenant, first.Id, ContactVisibility.Shared, "Yui.Tanaka@client.example", "+81 3-1234-5678");
        var b = await ContactAsync(tenant, second.Id, ContactVisibility.Shared, "yui.tanaka@client.example");
        var phoneOnly = await ContactAsync(tenant, second.Id, ContactVisibility.Shared, "", "+81 3-9999-0000");
        var now = DateTimeOffset.UtcNow;
        // As before the migration: two pending requests for one person (one per record), a closed one, none with a key.
        var ids = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            IntroductionRequest Request(Contact contact, Guid connector, IntroductionState state, DateTimeOffset at) => new()
            {
                RequesterId = requester.Id, ConnectorId = connector, ContactId = contact.Id, Purpose = IntroductionPurpose.SalesLead, Reason = "Before",
                State = state, CreatedAt = at, UpdatedAt = at,
            };
            var requests = new[]
            {
                Request(a, first.Id, IntroductionState.Requested, now.AddMinutes(-10)),
                Request(b, second.Id, IntroductionState.Accepted, now.AddMinutes(-5)),
                Request(b, second.Id, IntroductionState.Withdrawn, now.AddDays(-3)),
                Request(phoneOnly, second.Id, IntroductionState.Requested, now),
            };
            db.IntroductionRequests.AddRange(requests);
            await db.SaveChangesAsync();
            return requests.Select(r => r.Id).ToArray();
        });

        var backfill = new NetworkSaaS.Migrations.Migrations.PersonKeysAndExpertiseTerms().UpOperations
            .OfType<Microsoft.EntityFrameworkCore.Migrations.Operations.SqlOperation>().Single(o => o.Sql.Contains("person_key", StringComparison.Ordinal)).Sql;
        await using (var superuser = new NpgsqlConnection(SuperUserConnectionString))
        {
            await superuser.OpenAsync();
            await using var run = new NpgsqlCommand(backfill, superuser);
            await run.ExecuteNonQueryAsync();
        }

        var keys = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().IntroductionRequests.AsNoTracking()
            .ToDictionaryAsync(r => r.Id, r => r.PersonKey));
        var person = IntroductionPersonKey.For(tenant.Id, a.Emails, a.PhonesE164);
        Assert.Equal(person, keys[ids[0]]);
        Assert.Null(keys[ids[1]]);
        Assert.Equal(person, keys[ids[2]]);
        Assert.Equal(IntroductionPersonKey.For(tenant.Id, phoneOnly.Emails, phoneOnly.PhonesE164), keys[ids[3]]);
        Assert.NotNull(keys[ids[3]]);
    }
}
