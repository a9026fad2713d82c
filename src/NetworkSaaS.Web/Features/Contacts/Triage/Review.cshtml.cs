using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Contacts.Triage;

/// <summary>
/// "To review": imported contacts never looked at, one row each with quick actions — depth 1–5 and Private /
/// Discoverable / Shared. Plain forms work without script; with script, keys 1–5, p/d/s and j/k do the same (triage.js)
/// and the answer is JSON instead of a redirect.
/// </summary>
public sealed class ReviewModel(ToReviewList queue, ContactAccess access, ContactLabels labels, ITenantContextAccessor tenantContext) : PageModel
{
    public IReadOnlyList<ReviewRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount => Math.Max(1, (Total + ToReviewList.PageSize - 1) / ToReviewList.PageSize);
    public string Slug => tenantContext.Tenant!.Slug;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = access.CurrentUserId;
        Total = await queue.CountAsync(me, cancellationToken);
        PageNumber = Math.Min(Paging.PageLinks.Number(Request), PageCount);
        Rows = await queue.PageAsync(me, PageNumber, cancellationToken);
    }

    public async Task<IActionResult> OnPostSetAsync(Guid id, int? depth, ContactVisibility? visibility, int? page, CancellationToken cancellationToken)
    {
        if ((depth is null && visibility is null) || (depth is { } d && !RelationshipDepth.IsValid(d)) || (visibility is { } v && !Enum.IsDefined(v)))
        {
            return BadRequest();
        }

        var contact = await queue.SetAsync(access.CurrentUserId, id, depth, visibility, cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        if (Request.Headers["X-Requested-With"] == "fetch")
        {
            return new JsonResult(new
            {
                depth = contact.Depth,
                depthLabel = labels.Depth(contact.Depth),
                stars = ContactLabels.Stars(contact.Depth),
                visibility = contact.Visibility.ToString(),
                visibilityLabel = labels.Visibility(contact.Visibility),
                reviewed = !contact.ReviewPending,
            });
        }

        return Redirect($"/{Slug}/contacts/review{(page > 1 ? $"?page={page}" : "")}");
    }
}
