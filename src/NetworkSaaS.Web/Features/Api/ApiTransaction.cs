using NetworkSaaS.Core.Data;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>
/// Every write of the API is one transaction: the change, its audit entries, the ETag check's row lock and the
/// Idempotency-Key record commit together or not at all (an exception rolls everything back).
/// </summary>
public static class ApiTransaction
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            return await next(context);
        }

        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        var result = await next(context);
        await transaction.CommitAsync(http.RequestAborted);
        return result;
    }
}
