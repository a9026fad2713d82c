using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Exports;

namespace NetworkSaaS.Web.Features.Exports;

/// <summary>
/// The file of one of the user's own exports, streamed from the database. Another user's export, or another company's,
/// is 404 like one that does not exist, and so is a company-wide export once its owner is no longer HR or Admin; an own
/// export whose file is not (or no longer) there is 410.
/// </summary>
public sealed class DownloadModel(ExportAccess access, ExportStore store, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = Guid.Parse(users.GetUserId(User)!);
        var export = await (await access.VisibleToAsync(me, cancellationToken)).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (export is null)
        {
            return NotFound();
        }

        if (export is not { Status: ExportStatus.Completed, FileName: { } fileName } || export.ExpiresAt <= clock.GetUtcNow())
        {
            return StatusCode(StatusCodes.Status410Gone);
        }

        await using var content = await store.OpenAsync(id, cancellationToken);
        if (content is null)
        {
            return StatusCode(StatusCodes.Status410Gone);
        }

        Response.ContentType = export.Format == ExportFormat.Csv
            ? "text/csv; charset=utf-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        Response.ContentLength = export.FileSize;
        Response.Headers.CacheControl = "no-store";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName, FileNameStar = fileName }.ToString();
        await content.Stream.CopyToAsync(Response.Body, cancellationToken);
        return new EmptyResult();
    }
}
