using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// RFC 9457 problem details, the body of every error under /{tenant}/api: <c>type</c> (about:blank: the status says
/// it), a <c>title</c> localized from the status (Japanese or English: the request's language), <c>status</c>, an
/// optional <c>detail</c> (English, for the developer), <c>instance</c> (the path) and extensions such as <c>errors</c>.
/// </summary>
public static class ApiProblem
{
    public const string ContentType = "application/problem+json";

    /// <summary>The English title of a status: also the key of its Japanese translation.</summary>
    public static string TitleKey(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid.",
        StatusCodes.Status401Unauthorized => "A valid API token is required.",
        StatusCodes.Status403Forbidden => "This token may not do this.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status405MethodNotAllowed => "This method is not allowed here.",
        StatusCodes.Status409Conflict => "The request conflicts with the current state.",
        StatusCodes.Status412PreconditionFailed => "The resource has changed since you read it.",
        StatusCodes.Status413PayloadTooLarge => "The request is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON.",
        StatusCodes.Status422UnprocessableEntity => "The request cannot be processed.",
        StatusCodes.Status428PreconditionRequired => "Send the ETag you read in an If-Match header.",
        StatusCodes.Status429TooManyRequests => "Too many requests.",
        _ when status >= 500 => "Something went wrong on our side.",
        _ => "The request failed.",
    };

    public static IResult Result(int status, string? detail = null, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new ProblemResult(status, detail, extensions);

    /// <summary>400 with <c>errors</c>: field name (camelCase) → messages.</summary>
    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new ProblemResult(StatusCodes.Status400BadRequest, "One or more fields are not valid.", new Dictionary<string, object?> { ["errors"] = errors });

    public static async Task WriteAsync(HttpContext context, int status, string? detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var culture = CultureOf(context);
        var previous = CultureInfo.CurrentUICulture;
        string title;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            title = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()[TitleKey(status)];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        var body = new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = status,
        };
        if (detail is not null)
        {
            body["detail"] = detail;
        }

        body["instance"] = (context.Request.PathBase + context.Request.Path).Value;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.Headers.ContentLanguage = culture.Name;
        await JsonSerializer.SerializeAsync(context.Response.Body, body, ApiJson.Options, context.RequestAborted);
    }

    /// <summary>The request's language once localization has run; before it (an unknown company, a refused token's 404), the API's own order.</summary>
    private static CultureInfo CultureOf(HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture
        ?? new CultureInfo(ApiCulture.FromAcceptLanguage(context.Request) ?? context.RequestServices.GetRequiredService<ITenantContextAccessor>().Tenant?.DefaultCulture
            ?? SupportedCultures.Japanese);

    private sealed class ProblemResult(int status, string? detail, IReadOnlyDictionary<string, object?>? extensions) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, detail, extensions);
    }
}

/// <summary>Thrown by API code to answer with a problem: caught by <see cref="ApiProblemMiddleware"/> (a write's transaction is rolled back on the way).</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException()
        : this(StatusCodes.Status400BadRequest)
    {
    }

    public ApiProblemException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Detail = message;
    }

    public ApiProblemException(int status, string? detail = null, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(detail ?? ApiProblem.TitleKey(status))
    {
        Status = status;
        Detail = detail;
        Extensions = extensions;
    }

    public int Status { get; }
    public string? Detail { get; }
    public IReadOnlyDictionary<string, object?>? Extensions { get; }
}

/// <summary>
/// Wraps every request under /{tenant}/api: an error without a body (401/403 from authorization, 404 of an unknown
/// company or route, 405) gets a problem body, an <see cref="ApiProblemException"/> or a malformed request becomes its problem, and any other
/// exception a 500 problem — never the HTML error pages.
/// </summary>
public sealed class ApiProblemMiddleware(RequestDelegate next, ILogger<ApiProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiPaths.IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        // Scalar's page configures itself with an inline script.
        if (context.Request.Path.Value!.Contains("/api/docs", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.ContentSecurityPolicy = ApiEndpoints.DocsCsp;
        }

        // Buffered before an endpoint binds the body, so that Idempotency-Key can hash what was sent (ApiIdempotency).
        context.Request.EnableBuffering();

        try
        {
            await next(context);
        }
        catch (ApiProblemException problem) when (!context.Response.HasStarted)
        {
            await ApiProblem.WriteAsync(context, problem.Status, problem.Detail, problem.Extensions);
            return;
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            await ApiProblem.WriteAsync(context, bad.StatusCode, bad.Message);
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            ApiLog.RequestFailed(logger, exception, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiProblem.WriteAsync(context, StatusCodes.Status500InternalServerError, null);
            return;
        }

        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted
            && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
        {
            await ApiProblem.WriteAsync(context, context.Response.StatusCode, null);
        }
    }
}

internal static partial class ApiLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "API request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, PathString path);
}

public static class ApiPaths
{
    /// <summary>/{tenant}/api and everything under it.</summary>
    public static bool IsApi(PathString path)
    {
        var value = path.Value;
        if (value is null || value.Length < 2)
        {
            return false;
        }

        var second = value.IndexOf('/', 1);
        return second > 1 && value.AsSpan(second).StartsWith("/api", StringComparison.OrdinalIgnoreCase)
               && (value.Length == second + 4 || value[second + 4] == '/');
    }
}
