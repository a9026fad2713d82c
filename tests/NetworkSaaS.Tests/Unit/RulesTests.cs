using Microsoft.Extensions.Configuration;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Hosting;

namespace NetworkSaaS.Tests.Unit;

public sealed class RulesTests
{
    [Theory]
    [InlineData("sakura", true)]
    [InlineData("sakura-shoji", true)]
    [InlineData("a1b", true)]
    [InlineData("ab", false)]
    [InlineData("Sakura", false)]
    [InlineData("-sakura", false)]
    [InlineData("sakura-", false)]
    [InlineData("saku--ra", false)]
    [InlineData("さくら", false)]
    [InlineData("sakura/x", false)]
    public void Company_ids_have_one_safe_shape(string slug, bool valid) => Assert.Equal(valid, TenantSlug.HasValidShape(slug));

    [Fact]
    public void Platform_paths_are_reserved() =>
        Assert.All(
            new[] { "ops", "signup", "healthz", "culture", "error", "admin", "api", "scim", "www", "app", "login", "static", "assets", "status", "help", "support", "docs", "mail", "root", "system", "networksaas" },
            s => Assert.True(TenantSlug.IsReserved(s), s));

    [Theory]
    [InlineData(new string[0], null, true, true, false)]
    [InlineData(new string[0], "web", true, false, false)]
    [InlineData(new string[0], "worker", false, true, false)]
    [InlineData(new[] { "migrate" }, null, false, false, true)]
    public void The_run_mode_comes_from_the_role_setting_or_the_migrate_command(string[] args, string? role, bool web, bool jobs, bool migrate)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["role"] = role }).Build();
        Assert.Equal(new RunMode(web, jobs, migrate), RunMode.From(args, configuration));
    }

    [Fact]
    public void Create_operator_runs_nothing_else_and_needs_an_email()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(["--create-operator", " ops@platform.test "]).Build();
        Assert.Equal(new RunMode(false, false, false) { CreateOperatorEmail = "ops@platform.test" }, RunMode.From([], configuration));
        var empty = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["create-operator"] = "" }).Build();
        Assert.Throws<ArgumentException>(() => RunMode.From([], empty));
    }

    [Fact]
    public void An_unknown_role_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["role"] = "cron" }).Build();
        Assert.Throws<ArgumentException>(() => RunMode.From([], configuration));
    }

    [Fact]
    public void Expertise_tags_split_on_western_and_japanese_commas_and_drop_repeats() =>
        Assert.Equal(["製造業", "採用", "Go"], NetworkSaaS.Web.Features.Contacts.ValueLists.Split(" 製造業、採用，Go, go ,, "));

    [Fact]
    public void Invitation_tokens_are_random_url_safe_and_stored_only_as_a_hash()
    {
        var token = InvitationTokens.NewToken();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.NotEqual(token, InvitationTokens.NewToken());
        Assert.Equal(64, InvitationTokens.Hash(token).Length);
        Assert.Equal(InvitationTokens.Hash(token), InvitationTokens.Hash(token));
    }
}
