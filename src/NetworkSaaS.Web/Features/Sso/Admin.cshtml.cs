using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Sso;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Localization;
using Npgsql;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>
/// The company's single sign-on: identity providers (issuer, client, secret, domains, claim mapping, switches), a
/// "test connection" that runs a real sign-in and shows the claims, and the directory group → role mapping.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class AdminModel(
    AppDbContext db,
    AuditLog audit,
    SsoSecretProtector secrets,
    SsoSchemeRegistry registry,
    IOptionsMonitorCache<OpenIdConnectOptions> optionsCache,
    IHostEnvironment environment,
    ITenantContextAccessor tenantContext,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SsoConnectionInput Input { get; set; } = new();

    public IReadOnlyList<SsoConnection> Connections { get; private set; } = [];

    /// <summary>Set while a test starts: the page continues to the provider.</summary>
    public string? ContinueUrl { get; private set; }
    public IReadOnlyList<DirectoryGroupRole> GroupRoles { get; private set; } = [];
    public string Slug => tenantContext.Tenant!.Slug;
    public string CallbackUrl => $"{Request.Scheme}://{Request.Host}{SsoSchemeName.CallbackPath(Slug)}";

    /// <summary>The roles a directory group can grant (everyone is an Employee anyway).</summary>
    public static IReadOnlyList<string> MappableRoles { get; } = [Roles.Admin, Roles.HR, Roles.Manager, Roles.Executive];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Input.ClientSecret))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.ClientSecret)}", l["This field is required."]);
        }

        if (Validate() is not { } domains)
        {
            return await PageAsync(cancellationToken);
        }

        var connection = new SsoConnection
        {
            Name = Input.Name.Trim(),
            Authority = Input.Authority.Trim(),
            ClientId = Input.ClientId.Trim(),
            ProtectedClientSecret = secrets.Protect(Input.ClientSecret!.Trim()),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        Input.ApplyTo(connection);
        connection.IsEnabled = false;
        db.SsoConnections.Add(connection);
        audit.Record(AuditActions.SsoConnectionAdded, connection.Name, $"{connection.Authority}; {string.Join(", ", domains)}");
        if (!await SaveDomainsAsync(connection, domains, cancellationToken))
        {
            return await PageAsync(cancellationToken);
        }

        TempData["Status"] = l["The identity provider was added. Test the connection, then turn it on."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, CancellationToken cancellationToken)
    {
        var connection = await db.SsoConnections.Include(c => c.Domains).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (connection is null)
        {
            return NotFound();
        }

        if (Validate() is not { } domains)
        {
            return await PageAsync(cancellationToken);
        }

        var before = connection.Describe();
        var oldScheme = SsoSchemeName.For(connection.Id, connection.Version);
        connection.Name = Input.Name.Trim();
        connection.Authority = Input.Authority.Trim();
        connection.ClientId = Input.ClientId.Trim();
        if (!string.IsNullOrWhiteSpace(Input.ClientSecret))
        {
            connection.ProtectedClientSecret = secrets.Protect(Input.ClientSecret.Trim());
        }

        Input.ApplyTo(connection);
        connection.Version++;
        var change = $"{before} → {connection.Describe()}{(string.IsNullOrWhiteSpace(Input.ClientSecret) ? "" : "; new client secret")}; {string.Join(", ", domains)}";
        audit.Record(AuditActions.SsoConnectionChanged, connection.Name, change.Length > 2000 ? change[..2000] : change);
        if (!await SaveDomainsAsync(connection, domains, cancellationToken))
        {
            return await PageAsync(cancellationToken);
        }

        Forget(oldScheme);
        TempData["Status"] = l["The identity provider was saved."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var connection = await db.SsoConnections.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (connection is null)
        {
            return NotFound();
        }

        db.SsoConnections.Remove(connection);
        audit.Record(AuditActions.SsoConnectionRemoved, connection.Name, connection.Authority);
        await db.SaveChangesAsync(cancellationToken);
        Forget(SsoSchemeName.For(connection.Id, connection.Version));
        TempData["Status"] = l["The identity provider was removed."].Value;
        return RedirectToPage();
    }

    /// <summary>A real sign-in at the provider (whoever signs in there); its claims are shown, nobody is signed in here.</summary>
    public async Task<IActionResult> OnPostTestAsync(Guid id, CancellationToken cancellationToken)
    {
        var connection = await db.SsoConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (connection is null)
        {
            return NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = $"/{Slug}/admin/sso/test?id={connection.Id}" };
        properties.Items[SsoOpenIdConnectEvents.ModeKey] = SsoOpenIdConnectEvents.TestMode;
        ModelState.Clear();
        try
        {
            ContinueUrl = await SsoChallenge.StartAsync(HttpContext, SsoSchemeName.For(connection.Id, connection.Version), properties);
        }
        catch (InvalidOperationException e)
        {
            ModelState.AddModelError(string.Empty, l["The provider's configuration could not be read from {0}: {1}", connection.Authority, e.Message]);
        }

        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAddGroupRoleAsync(string? groupName, string? role, CancellationToken cancellationToken)
    {
        groupName = groupName?.Trim();
        if (string.IsNullOrEmpty(groupName) || groupName.Length > DirectoryGroupRole.GroupMaxLength || role is null || !MappableRoles.Contains(role))
        {
            ModelState.AddModelError(string.Empty, l["Enter the group as the provider sends it and choose a role."]);
            return await PageAsync(cancellationToken);
        }

        if (!await db.DirectoryGroupRoles.AnyAsync(m => m.GroupName == groupName && m.Role == role, cancellationToken))
        {
            db.DirectoryGroupRoles.Add(new DirectoryGroupRole { GroupName = groupName, Role = role });
            audit.Record(AuditActions.SsoGroupRoleAdded, groupName, role);
            await db.SaveChangesAsync(cancellationToken);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveGroupRoleAsync(Guid id, CancellationToken cancellationToken)
    {
        var mapping = await db.DirectoryGroupRoles.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mapping is null)
        {
            return NotFound();
        }

        db.DirectoryGroupRoles.Remove(mapping);
        audit.Record(AuditActions.SsoGroupRoleRemoved, mapping.GroupName, mapping.Role);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    private IReadOnlyList<string>? Validate()
    {
        // Only the connection form's fields are checked here (the page's other forms do not post them).
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(nameof(Input), StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (!string.IsNullOrWhiteSpace(Input.Authority) && !SsoAuthority.IsAcceptable(environment, Input.Authority.Trim()))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Authority)}", l["Enter the provider's issuer as an https address."]);
        }

        var domains = SsoDomains.Parse(Input.Domains, out var invalid);
        if (domains is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Domains)}", l["{0} is not an email domain.", invalid!]);
        }
        else if (domains.Count == 0)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Domains)}", l["Enter at least one email domain."]);
        }

        return ModelState.IsValid ? domains : null;
    }

    /// <summary>
    /// Saves the connection with exactly these domains. A domain of another connection of this company is named; one
    /// that another company already covers fails on the platform-wide unique index (its row is invisible here), is
    /// audited and nothing is saved.
    /// </summary>
    private async Task<bool> SaveDomainsAsync(SsoConnection connection, IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        var ours = await db.SsoDomains.AsNoTracking()
            .Where(d => domains.Contains(d.Domain) && d.ConnectionId != connection.Id).Select(d => d.Domain).ToListAsync(cancellationToken);
        if (ours.Count > 0)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Domains)}", l["Another identity provider of this company already covers {0}.", string.Join(", ", ours)]);
            db.ChangeTracker.Clear();
            return false;
        }

        foreach (var gone in connection.Domains.Where(d => !domains.Contains(d.Domain)).ToList())
        {
            connection.Domains.Remove(gone);
            db.SsoDomains.Remove(gone);
        }

        foreach (var domain in domains.Where(d => connection.Domains.All(existing => existing.Domain != d)))
        {
            connection.Domains.Add(new SsoDomain { Domain = domain, ConnectionId = connection.Id });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            audit.Record(AuditActions.SsoDomainRefused, string.Join(", ", domains), "already covered by another company");
            await db.SaveChangesAsync(cancellationToken);
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Domains)}",
                l["One of these domains is already used for sign-in by another company: a domain can belong to one company only. Contact support if the domain is yours."]);
            return false;
        }
    }

    private void Forget(string scheme)
    {
        registry.Forget(scheme);
        optionsCache.TryRemove(scheme);
    }

    private async Task<PageResult> PageAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Connections = await db.SsoConnections.AsNoTracking().Include(c => c.Domains).OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        GroupRoles = await db.DirectoryGroupRoles.AsNoTracking().OrderBy(m => m.GroupName).ThenBy(m => m.Role).ToListAsync(cancellationToken);
    }
}

public sealed class SsoConnectionInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(SsoConnection.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(SsoConnection.UrlMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string Authority { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(SsoConnection.ClientIdMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string ClientId { get; set; } = "";

    [StringLength(1000, ErrorMessage = "Use at most {1} characters.")]
    [DataType(DataType.Password)]
    public string? ClientSecret { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(2000, ErrorMessage = "Use at most {1} characters.")]
    public string Domains { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(SsoConnection.ClaimMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string EmailClaim { get; set; } = "email";

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(SsoConnection.ClaimMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string NameClaim { get; set; } = "name";

    [StringLength(SsoConnection.ClaimMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? KanaClaim { get; set; }

    [StringLength(SsoConnection.ClaimMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? DepartmentClaim { get; set; }

    [StringLength(SsoConnection.ClaimMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? TitleClaim { get; set; }

    [StringLength(SsoConnection.ClaimMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? GroupsClaim { get; set; }

    public bool IsEnabled { get; set; }
    public bool JitProvisioning { get; set; } = true;
    public bool SsoRequired { get; set; }

    public void ApplyTo(SsoConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.EmailClaim = EmailClaim.Trim();
        connection.NameClaim = NameClaim.Trim();
        connection.KanaClaim = Blank(KanaClaim);
        connection.DepartmentClaim = Blank(DepartmentClaim);
        connection.TitleClaim = Blank(TitleClaim);
        connection.GroupsClaim = Blank(GroupsClaim);
        connection.IsEnabled = IsEnabled;
        connection.JitProvisioning = JitProvisioning;
        connection.SsoRequired = SsoRequired;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public static class SsoConnectionDescription
{
    /// <summary>The settings as one audit line (never the secret).</summary>
    public static string Describe(this SsoConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return $"{connection.Authority} client {connection.ClientId}; enabled {connection.IsEnabled}, JIT {connection.JitProvisioning}, " +
               $"SSO required {connection.SsoRequired}; claims email={connection.EmailClaim} name={connection.NameClaim} kana={connection.KanaClaim} " +
               $"department={connection.DepartmentClaim} title={connection.TitleClaim} groups={connection.GroupsClaim}";
    }
}
