using System.ComponentModel.DataAnnotations;
using NetworkSaaS.Core.Features.Introductions;

namespace NetworkSaaS.Web.Features.Asks;

/// <summary>The "post an ask" form. The position fields are honoured only for HR and Admin (see <see cref="AskRules"/>).</summary>
public sealed class AskInput
{
    public IntroductionPurpose Purpose { get; set; } = IntroductionPurpose.SalesLead;

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string Title { get; set; } = "";

    [StringLength(4000, ErrorMessage = "Use at most {1} characters.")]
    public string? Details { get; set; }

    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string? CompanyName { get; set; }

    public bool IsPosition { get; set; }

    public Guid? DepartmentId { get; set; }

    [StringLength(500, ErrorMessage = "Use at most {1} characters.")]
    public string? RewardNote { get; set; }
}

/// <summary>The "I know someone" form on an ask: one of the answerer's own contacts and an optional note to the author.</summary>
public sealed class AnswerInput
{
    public Guid? ContactId { get; set; }

    [StringLength(4000, ErrorMessage = "Use at most {1} characters.")]
    public string? Message { get; set; }
}
