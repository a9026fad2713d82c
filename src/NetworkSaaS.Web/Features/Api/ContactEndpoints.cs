using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Discover;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// /contacts: the caller's own contacts (list, read, create, replace, delete) and their interactions; a colleague's
/// Shared contact is readable (read-only, the view audited, as on the page); /contacts/discover searches colleagues'
/// Shared and Discoverable contacts with the discovery page's search (Discoverable ones without name or colleague).
/// Private contacts of others never appear: the page's rules (ContactAccess, DiscoverySearch) are the only ones used.
/// Personal tokens only: a company token has no contacts of its own.
/// </summary>
public static class ContactEndpoints
{
    public const string Table = "contacts";

    public static void MapContacts(this RouteGroupBuilder v1)
    {
        var contacts = v1.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("/", ListAsync).RequireAuthorization(ApiPolicies.Read, ApiPolicies.Person)
            .WithName("ListContacts").WithSummary("Your own contacts, oldest first; filter by email or search text.")
            .Produces<ApiPage<ApiContact>>();
        contacts.MapGet("/discover", DiscoverAsync).RequireAuthorization(ApiPolicies.Read, ApiPolicies.Person)
            .WithName("DiscoverContacts").WithSummary("Who here knows someone at a company or with some expertise (as the Discover page).")
            .Produces<ApiDiscovery>();
        contacts.MapGet("/{id:guid}", GetAsync).RequireAuthorization(ApiPolicies.Read, ApiPolicies.Person)
            .WithName("GetContact").WithSummary("One of your contacts, or a colleague's Shared contact (read-only).")
            .Produces<ApiContact>();
        contacts.MapPost("/", CreateAsync).RequireAuthorization(ApiPolicies.Write, ApiPolicies.Person).WithIdempotency()
            .WithName("CreateContact").WithSummary("Adds a contact of yours (send an Idempotency-Key to retry safely).")
            .Produces<ApiContact>(StatusCodes.Status201Created);
        contacts.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(ApiPolicies.Write, ApiPolicies.Person)
            .WithName("UpdateContact").WithSummary("Replaces one of your contacts (If-Match: its ETag).")
            .Produces<ApiContact>();
        contacts.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(ApiPolicies.Write, ApiPolicies.Person)
            .WithName("DeleteContact").WithSummary("Deletes one of your contacts (If-Match: its ETag).");
        contacts.MapGet("/{id:guid}/interactions", ListInteractionsAsync).RequireAuthorization(ApiPolicies.Read, ApiPolicies.Person)
            .WithName("ListInteractions").WithSummary("The interactions logged with one of your contacts, oldest first.")
            .Produces<ApiPage<ApiInteraction>>();
        contacts.MapPost("/{id:guid}/interactions", LogInteractionAsync).RequireAuthorization(ApiPolicies.Write, ApiPolicies.Person).WithIdempotency()
            .WithName("LogInteraction").WithSummary("Logs a meeting, call, mail… with one of your contacts (resets its stay-in-touch date).")
            .Produces<ApiInteraction>(StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ContactAccess access, AppDbContext db, string? email, string? q, CancellationToken cancellationToken)
    {
        var page = ApiPageRequest.From(http.Request);
        var me = access.CurrentUserId;
        var query = db.Contacts.AsNoTracking().Where(c => c.OwnerId == me);
        if (!string.IsNullOrWhiteSpace(email))
        {
            var address = email.Trim().ToLowerInvariant();
            query = query.Where(c => c.Emails.Contains(address));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(c => c.SearchText.Contains(text));
        }

        if (page.After is { } after)
        {
            query = query.Where(c => c.Id > after);
        }

        return TypedResults.Ok(await query.OrderBy(c => c.Id).ToPageAsync(page, http, c => c.Id, c => ApiContact.From(c, me), cancellationToken));
    }

    private static async Task<IResult> DiscoverAsync(HttpContext http, ContactAccess access, DiscoverySearch search, ITenantContextAccessor tenant, TimeProvider clock,
        string? company, string? keywords, string? industry, int? page, CancellationToken cancellationToken)
    {
        var criteria = new DiscoveryCriteria { Company = company, Keywords = keywords, Industry = industry, Page = Math.Max(1, page ?? 1) };
        if (criteria.IsEmpty)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "Give a company, keywords or an industry.");
        }

        var result = await search.SearchAsync(access.CurrentUserId, criteria, TenantClock.Today(tenant.Tenant!, clock), cancellationToken);
        return TypedResults.Ok(new ApiDiscovery(result.Hits.Select(ApiDiscoveryHit.From).ToList(), result.Total, result.TotalIsCapped, result.Page, result.PageCount));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, ContactAccess access, AppDbContext db, CancellationToken cancellationToken)
    {
        var contact = await access.FindReadableAsync(id, cancellationToken);
        if (contact is null)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound);
        }

        await ApiETag.SetAsync(http.Response, db, Table, id, cancellationToken);
        return TypedResults.Ok(ApiContact.From(contact, access.CurrentUserId));
    }

    private static async Task<IResult> CreateAsync(ApiContactInput body, HttpContext http, ContactAccess access, ContactCreation creation, AppDbContext db,
        IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var input = body.ToForm();
        var modelState = Annotations(input);
        var contact = await creation.CreateAsync(access.CurrentUserId, input, modelState, cancellationToken);
        if (contact is null)
        {
            return ApiProblem.Validation(Errors(modelState));
        }

        await ApiETag.SetAsync(http.Response, db, Table, contact.Id, cancellationToken);
        return TypedResults.Created($"{http.Request.PathBase}{http.Request.Path.Value!.TrimEnd('/')}/{contact.Id}", ApiContact.From(contact, contact.OwnerId));
    }

    private static async Task<IResult> UpdateAsync(Guid id, ApiContactInput body, HttpContext http, ContactAccess access, ContactWriter writer,
        IntroducerChoices introducers, AppDbContext db, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var contact = await access.FindOwnAsync(id, cancellationToken);
        if (contact is null)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound);
        }

        await ApiETag.LockAsync(db, http.Request, Table, id, cancellationToken);
        await db.Entry(contact).ReloadAsync(cancellationToken);

        // The edit page's rules, in its order.
        var input = body.ToForm();
        var modelState = Annotations(input);
        ContactFormValidation.Validate(input, modelState, l);
        await introducers.ValidateAsync(input, access.CurrentUserId, modelState, l, cancellationToken);
        if (!modelState.IsValid)
        {
            return ApiProblem.Validation(Errors(modelState));
        }

        await writer.ApplyAsync(contact, input, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await ApiETag.SetAsync(http.Response, db, Table, id, cancellationToken);
        return TypedResults.Ok(ApiContact.From(contact, contact.OwnerId));
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, ContactAccess access, Contacts.Triage.ContactRemoval removal, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var contact = await access.FindOwnAsync(id, cancellationToken);
        if (contact is null)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound);
        }

        await ApiETag.LockAsync(db, http.Request, Table, id, cancellationToken);
        await removal.RemoveAsync(contact.OwnerId, [contact.Id], cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListInteractionsAsync(Guid id, HttpContext http, ContactAccess access, AppDbContext db, CancellationToken cancellationToken)
    {
        var page = ApiPageRequest.From(http.Request);
        var contact = await access.FindOwnAsync(id, cancellationToken);
        if (contact is null)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound);
        }

        var query = db.Interactions.AsNoTracking().Where(i => i.ContactId == id);
        if (page.After is { } after)
        {
            query = query.Where(i => i.Id > after);
        }

        return TypedResults.Ok(await query.OrderBy(i => i.Id).ToPageAsync(page, http, i => i.Id, ApiInteraction.From, cancellationToken));
    }

    private static async Task<IResult> LogInteractionAsync(Guid id, ApiInteractionInput body, HttpContext http, ContactAccess access, InteractionLog log,
        AppDbContext db, ITenantContextAccessor tenant, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var contact = await access.FindOwnAsync(id, cancellationToken);
        if (contact is null)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound);
        }

        var today = TenantClock.Today(tenant.Tenant!, clock);
        var occurredOn = body.OccurredOn ?? today;
        var problems = InteractionLog.Problems(body.Kind, occurredOn, body.Note, today, l).ToList();
        if (problems.Count > 0)
        {
            return ApiProblem.Validation(problems.GroupBy(p => Camel(p.Field)).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }

        var interaction = await log.AddAsync(contact, body.Kind, occurredOn, body.Note, access.CurrentUserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{http.Request.PathBase}{http.Request.Path.Value!.TrimEnd('/')}/{interaction.Id}", ApiInteraction.From(interaction));
    }

    /// <summary>The form's data annotations (length limits, ranges): model binding checks them on the pages.</summary>
    private static ModelStateDictionary Annotations(ContactInput input)
    {
        var modelState = new ModelStateDictionary();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                modelState.AddModelError($"Input.{member}", result.ErrorMessage ?? "");
            }
        }

        return modelState;
    }

    private static Dictionary<string, string[]> Errors(ModelStateDictionary modelState) =>
        modelState.Where(e => e.Value is { Errors.Count: > 0 })
            .ToDictionary(e => Camel(e.Key.StartsWith("Input.", StringComparison.Ordinal) ? e.Key["Input.".Length..] : e.Key is "Input" ? "" : e.Key),
                e => e.Value!.Errors.Select(x => x.ErrorMessage).ToArray());

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
