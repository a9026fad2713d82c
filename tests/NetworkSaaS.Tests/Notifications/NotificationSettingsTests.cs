using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Notifications;

public sealed class NotificationSettingsTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _alphaSlug = Slug("alpha");

    [Fact]
    public async Task The_settings_page_shows_the_defaults_saves_a_valid_choice_and_changes_only_the_users_own_row()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_alphaSlug);
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_alphaSlug}.test");
        var client = await App.SignInAsync(_alphaSlug, admin.Email!);

        var page = await client.GetStringAsync($"/{_alphaSlug}/notifications/settings");
        Assert.Contains("<option value=\"Daily\" selected=\"selected\">Daily</option>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"8\" selected=\"selected\">08:00</option>", page, StringComparison.Ordinal);
        Assert.Contains("Europe/London", page, StringComparison.Ordinal);

        var saved = await client.PostFormAsync($"/{_alphaSlug}/notifications/settings", new()
        {
            ["Input.DigestFrequency"] = "Weekly", ["Input.DigestDay"] = "Friday", ["Input.DigestHour"] = "17", ["Input.DigestByEmail"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/{_alphaSlug}/notifications/settings", saved.Headers.Location!.OriginalString);
        var again = await client.GetStringAsync($"/{_alphaSlug}/notifications/settings");
        Assert.Contains("<option value=\"Weekly\" selected=\"selected\">Weekly</option>", again, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Friday\" selected=\"selected\">Friday</option>", again, StringComparison.Ordinal);
        Assert.Contains("<option value=\"17\" selected=\"selected\">17:00</option>", again, StringComparison.Ordinal);

        var rows = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().NotificationSettings.ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal((admin.Id, DigestFrequency.Weekly, DayOfWeek.Friday, 17, false), (row.UserId, row.DigestFrequency, row.DigestDay, row.DigestHour, row.DigestByEmail));
        Assert.NotEqual(colleague.Id, row.UserId);

        // Saving again updates the same row.
        await client.PostFormAsync($"/{_alphaSlug}/notifications/settings", new()
        {
            ["Input.DigestFrequency"] = "Off", ["Input.DigestDay"] = "Monday", ["Input.DigestHour"] = "8", ["Input.DigestByEmail"] = "true",
        });
        var updated = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().NotificationSettings.SingleAsync());
        Assert.Equal(DigestFrequency.Off, updated.DigestFrequency);
    }

    [Theory]
    [InlineData("en", "25", "Daily", "Choose an hour from 0 to 23.")]
    [InlineData("ja", "-1", "Daily", "0時から23時の間で選んでください。")]
    [InlineData("en", "8", "7", "The value &#x27;7&#x27; is not valid.")]
    [InlineData("ja", "8", "Hourly", "「Hourly」は無効な値です。")]
    public async Task Invalid_input_is_refused_with_a_localized_message_and_saves_nothing(string culture, string hour, string frequency, string message)
    {
        var (tenant, admin) = await App.CreateTenantAsync(_alphaSlug, culture: culture);
        var client = await App.SignInAsync(_alphaSlug, admin.Email!);
        var response = await client.PostFormAsync($"/{_alphaSlug}/notifications/settings", new()
        {
            ["Input.DigestFrequency"] = frequency, ["Input.DigestDay"] = "Monday", ["Input.DigestHour"] = hour, ["Input.DigestByEmail"] = "true",
        }, expect: HttpStatusCode.OK);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().NotificationSettings.CountAsync()));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_alphaSlug);
        var client = await App.SignInAsync(_alphaSlug, admin.Email!);
        var response = await client.PostFormWithTokenAsync($"/{_alphaSlug}/notifications/settings", new() { ["Input.DigestFrequency"] = "Off" }, token: null, expect: HttpStatusCode.BadRequest);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().NotificationSettings.CountAsync()));
    }
}
