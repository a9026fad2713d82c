using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Hosting;

namespace NetworkSaaS.Tests.Infrastructure;

/// <summary>The real app (all middleware, real PostgreSQL as the app role) on its own fresh database.</summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string Password = "correct-horse-battery";
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public TestApp(DatabaseConnections connections, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Connections = connections;
        MailDirectory = Path.Combine(Path.GetTempPath(), $"networksaas-mail-{Guid.NewGuid():N}");
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:App"] = connections.App,
            ["ConnectionStrings:Owner"] = connections.Owner,
            ["Email:PickupDirectory"] = MailDirectory,
            ["role"] = "web",
            [NetworkSaaS.Web.Features.Accounts.Sessions.AuthCookie.OverPlainHttpSetting] = "true",
        };
        foreach (var (key, value) in RequiredSettings.All)
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public DatabaseConnections Connections { get; }
    public string MailDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Each password hash costs Identity's 100,000 PBKDF2 iterations (tens of ms of CPU): thousands of them over a
        // run of the suite. The tests check what a hash allows, not its cost; the product keeps the default.
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Runs <paramref name="work"/> in a DI scope whose tenant is <paramref name="tenant"/> (as a request would).</summary>
    public async Task<T> InTenantAsync<T>(ITenantInfo tenant, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
        return await work(scope.ServiceProvider);
    }

    public async Task<(Tenant Tenant, AppUser Admin)> CreateTenantAsync(string slug, string culture = "en", string? adminEmail = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<TenantProvisioner>().CreateAsync(
            new NewCompany($"{slug} Company", slug, culture, culture == "ja" ? "Asia/Tokyo" : "Europe/London"),
            new FirstAdmin($"{slug} Admin", null, adminEmail ?? $"admin@{slug}.test", Password));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return (result.Tenant!, result.Admin!);
    }

    public Task<AppUser> CreateUserAsync(ITenantInfo tenant, string email, params string[] roles) =>
        InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRolesAsync(user, roles.Append(Roles.Employee).Distinct())).Succeeded);
            return user;
        });

    /// <summary>Adds a contact through the same writer the pages use (derived fields, organization, cadence).</summary>
    public async Task<NetworkSaaS.Core.Features.Contacts.Contact> CreateContactAsync(
        ITenantInfo tenant, Guid ownerId, string family, string given, string? company = null,
        NetworkSaaS.Core.Features.Contacts.ContactVisibility visibility = NetworkSaaS.Core.Features.Contacts.ContactVisibility.Private,
        string? email = null, string? title = null, int depth = 3) =>
        (await CreateContactsAsync(tenant, ownerId, [new NetworkSaaS.Web.Features.Contacts.ContactInput
        {
            FamilyName = family,
            GivenName = given,
            CompanyName = company,
            Emails = email,
            Title = title,
            Depth = depth,
            Visibility = visibility,
        }]))[0];

    /// <summary>Contacts written as the contact form writes them (ContactWriter), saved together.</summary>
    public Task<List<NetworkSaaS.Core.Features.Contacts.Contact>> CreateContactsAsync(
        ITenantInfo tenant, Guid ownerId, IEnumerable<NetworkSaaS.Web.Features.Contacts.ContactInput> inputs) =>
        InTenantAsync(tenant, async sp =>
        {
            var writer = sp.GetRequiredService<NetworkSaaS.Web.Features.Contacts.ContactWriter>();
            var db = sp.GetRequiredService<AppDbContext>();
            var contacts = new List<NetworkSaaS.Core.Features.Contacts.Contact>();
            foreach (var input in inputs)
            {
                var contact = new NetworkSaaS.Core.Features.Contacts.Contact { OwnerId = ownerId };
                await writer.ApplyAsync(contact, input, CancellationToken.None);
                db.Contacts.Add(contact);
                contacts.Add(contact);
            }

            await db.SaveChangesAsync();
            return contacts;
        });

    public async Task<HttpClient> SignInAsync(string slug, string email, string password = Password)
    {
        var client = CreateBrowserlikeClient();
        var response = await client.PostFormAsync($"/{slug}/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public IReadOnlyList<MimeKit.MimeMessage> Mails() =>
        Directory.Exists(MailDirectory)
            ? [.. Directory.GetFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeKit.MimeMessage.Load(f))]
            : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }
}
