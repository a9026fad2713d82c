using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Asks;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Api;

public sealed record AskItem(
    Guid Id, IntroductionPurpose Purpose, bool IsPosition, string Title, string? AuthorName, string? CompanyName, string? DepartmentName,
    string? RewardNote, DateTimeOffset CreatedAt, int Answers);

public sealed record AskAnswerItem(Guid IntroductionId, string? ConnectorName, string TargetSummary, IntroductionState State, DateTimeOffset CreatedAt);

/// <summary>One ask: its author sees every answer with who gave it (<see cref="Answers"/>), anyone else only their own (<see cref="MyAnswers"/>).</summary>
public sealed record AskDetail(
    Guid Id, IntroductionPurpose Purpose, bool IsPosition, AskState State, string Title, string? Details, Guid AuthorId, string? AuthorName,
    string? CompanyName, Guid? DepartmentId, string? DepartmentName, string? RewardNote, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt,
    int AnswerCount, bool MayClose, IReadOnlyList<AskAnswerItem>? Answers, IReadOnlyList<AskAnswerItem> MyAnswers);

public sealed record AskCreate(IntroductionPurpose Purpose, string? Title, string? Details, string? CompanyName);

public sealed record PositionCreate(string? Title, string? Details, string? CompanyName, Guid? DepartmentId, string? RewardNote);

public sealed record AskAnswerCreate(Guid? ContactId, string? Message);

/// <summary>
/// /asks and /positions: the asks board through the same <see cref="AskBoard"/> as its pages. Reading needs the read
/// scope; posting and closing the write scope (posting acts for a person); answering starts an introduction, so it needs
/// the introductions scope. Open positions are posted by HR and Admin (the pages' rule); they cannot be edited, only closed.
/// </summary>
public static class AskEndpoints
{
    private const string Table = "asks";

    public static void MapAsks(this RouteGroupBuilder v1)
    {
        var asks = v1.MapGroup("/asks").WithTags("Asks");
        asks.MapGet("/", (HttpContext http, AskBoard board, string? purpose, CancellationToken ct) => ListAsync(http, board, ApiQueryValues.Enum<IntroductionPurpose>(purpose), positions: false, ct))
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("ListAsks").WithSummary("Open asks (not positions), oldest first by id; purpose narrows them.");
        asks.MapGet("/{id:guid}", (Guid id, HttpContext http, AskBoard board, AppDbContext db, CancellationToken ct) => GetAsync(id, http, board, db, positionsOnly: false, ct))
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetAsk").WithSummary("One ask or open position, open or closed.");
        asks.MapPost("/", (AskCreate body, HttpContext http, AskBoard board, AppDbContext db, CancellationToken ct) =>
                PostAsync(new AskInput { Purpose = body.Purpose, Title = body.Title ?? "", Details = body.Details, CompanyName = body.CompanyName }, http, board, db, ct))
            .RequireAuthorization(ApiPolicies.Write, ApiPolicies.Person).WithIdempotency()
            .WithName("PostAsk").WithSummary("Post an ask on the board.");
        asks.MapPost("/{id:guid}/close", CloseAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("CloseAsk").WithSummary("Close an ask (its author) or an open position (also HR and Admin). Needs If-Match.");
        asks.MapPost("/{id:guid}/answers", AnswerAsync)
            .RequireAuthorization(ApiPolicies.Introductions, ApiPolicies.Person).WithIdempotency()
            .WithName("AnswerAsk").WithSummary("\"I know someone\": one of the caller's contacts; starts an introduction request already accepted by the caller.");

        var positions = v1.MapGroup("/positions").WithTags("Asks");
        positions.MapGet("/", (HttpContext http, AskBoard board, CancellationToken ct) => ListAsync(http, board, null, positions: true, ct))
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("ListPositions").WithSummary("Open positions for referral hiring, oldest first by id.");
        positions.MapGet("/{id:guid}", (Guid id, HttpContext http, AskBoard board, AppDbContext db, CancellationToken ct) => GetAsync(id, http, board, db, positionsOnly: true, ct))
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("GetPosition").WithSummary("One open position, open or closed.");
        positions.MapPost("/", (PositionCreate body, HttpContext http, AskBoard board, AppDbContext db, CancellationToken ct) =>
                PostAsync(new AskInput
                {
                    Purpose = IntroductionPurpose.ReferralHire, Title = body.Title ?? "", Details = body.Details, CompanyName = body.CompanyName,
                    IsPosition = true, DepartmentId = body.DepartmentId, RewardNote = body.RewardNote,
                }, http, board, db, ct))
            .RequireAuthorization(ApiPolicies.Write, ApiPolicies.Person).RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.HR},{Roles.Admin}" })
            .WithIdempotency()
            .WithName("PostPosition").WithSummary("Post an open position (HR and Admin).");
    }

    private static async Task<Ok<ApiPage<AskItem>>> ListAsync(HttpContext http, AskBoard board, IntroductionPurpose? purpose, bool positions, CancellationToken cancellationToken)
    {
        var page = ApiPageRequest.From(http.Request);
        var open = board.Open(purpose, positions).Where(a => page.After == null || a.Id > page.After).OrderBy(a => a.Id);
        var result = await board.Project(open).ToPageAsync(page, http, a => a.Id, Item, cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, AskBoard board, AppDbContext db, bool positionsOnly, CancellationToken cancellationToken)
    {
        if (await board.FindAsync(id, CallerId(http), http.User, cancellationToken) is not { } view || (positionsOnly && !view.Ask.IsPosition))
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound);
        }

        await ApiETag.SetAsync(http.Response, db, Table, id, cancellationToken);
        return TypedResults.Ok(Detail(view));
    }

    private static async Task<IResult> PostAsync(AskInput input, HttpContext http, AskBoard board, AppDbContext db, CancellationToken cancellationToken)
    {
        // The form's limits (required title, lengths) hold for the API too, with the form's messages.
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        foreach (var property in typeof(AskInput).GetProperties())
        {
            foreach (var rule in property.GetCustomAttributes(typeof(ValidationAttribute), inherit: true).Cast<ValidationAttribute>())
            {
                if (!rule.IsValid(property.GetValue(input)))
                {
                    Add(errors, property.Name, l[rule.ErrorMessage!, property.Name, (rule as StringLengthAttribute)?.MaximumLength ?? 0].Value);
                }
            }
        }

        if (errors.Count == 0)
        {
            var result = await board.PostAsync(CallerId(http), http.User, input, cancellationToken);
            if (result.Succeeded)
            {
                var view = (await board.FindAsync(result.Ask!.Id, CallerId(http), http.User, cancellationToken))!;
                await ApiETag.SetAsync(http.Response, db, Table, view.Ask.Id, cancellationToken);
                var tenant = http.Request.RouteValues[Tenancy.TenantResolutionMiddleware.RouteKey];
                var path = view.Ask.IsPosition ? "positions" : "asks";
                return TypedResults.Created($"/{tenant}/api/{ApiSetup.DocumentName}/{path}/{view.Ask.Id}", Detail(view));
            }

            foreach (var (field, message) in result.Errors)
            {
                Add(errors, field, message);
            }
        }

        return ApiProblem.Validation(errors.ToDictionary(e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    private static async Task<IResult> CloseAsync(Guid id, HttpContext http, AskBoard board, AppDbContext db, CancellationToken cancellationToken)
    {
        var me = CallerId(http);
        if (await board.FindAsync(id, me, http.User, cancellationToken) is null)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound);
        }

        await ApiETag.LockAsync(db, http.Request, Table, id, cancellationToken);
        switch (await board.CloseAsync(id, me, http.User, cancellationToken))
        {
            case AskCloseResult.NotFound:
                return ApiProblem.Result(StatusCodes.Status404NotFound);
            case AskCloseResult.Forbidden:
                return ApiProblem.Result(StatusCodes.Status403Forbidden, "Only the author closes an ask; HR and Admin may also close open positions.");
        }

        var view = (await board.FindAsync(id, me, http.User, cancellationToken))!;
        await ApiETag.SetAsync(http.Response, db, Table, id, cancellationToken);
        return TypedResults.Ok(Detail(view));
    }

    private static async Task<IResult> AnswerAsync(
        Guid id, AskAnswerCreate body, HttpContext http, AskBoard board, IntroductionService introductions, IntroductionLabels labels, CancellationToken cancellationToken)
    {
        if (await board.FindAsync(id, CallerId(http), http.User, cancellationToken) is null)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound);
        }

        if (body.ContactId is not { } contactId)
        {
            var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["contactId"] = [l["Choose one of your contacts."].Value] });
        }

        var result = await introductions.OfferAsync(CallerId(http), id, contactId, body.Message, cancellationToken);
        if (!result.Succeeded)
        {
            return IntroductionEndpoints.Refusal(labels, result.Problem!.Value, http.Request);
        }

        var tenant = http.Request.RouteValues[Tenancy.TenantResolutionMiddleware.RouteKey];
        var location = $"/{tenant}/api/{ApiSetup.DocumentName}/introductions/{result.RequestId}";
        var answer = new { introductionId = result.RequestId!.Value, alreadyPending = result.AlreadyPending };
        return result.AlreadyPending ? TypedResults.Ok(answer) : TypedResults.Created(location, answer);
    }

    /// <summary>The caller's user id; a company token has none (<see cref="Guid.Empty"/>: it authors nothing and answers nothing).</summary>
    private static Guid CallerId(HttpContext http) =>
        http.RequestServices.GetRequiredService<UserManager<AppUser>>().GetUserId(http.User) is { } id ? Guid.Parse(id) : Guid.Empty;

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    private static AskItem Item(AskRow r) =>
        new(r.Id, r.Purpose, r.IsPosition, r.Title, r.AuthorName, r.CompanyName, r.DepartmentName, r.RewardNote, r.CreatedAt, r.Answers);

    private static AskAnswerItem Answer(AskAnswer a) => new(a.RequestId, a.ConnectorName, a.TargetSummary, a.State, a.CreatedAt);

    private static AskDetail Detail(AskView view)
    {
        var a = view.Ask;
        return new AskDetail(a.Id, a.Purpose, a.IsPosition, a.State, a.Title, a.Details, a.AuthorId, view.AuthorName, a.CompanyName,
            a.DepartmentId, view.DepartmentName, a.RewardNote, a.CreatedAt, a.ClosedAt, view.AnswerCount, view.MayClose,
            view.IsAuthor ? [.. view.Answers.Select(Answer)] : null, [.. view.MyAnswers.Select(Answer)]);
    }
}
