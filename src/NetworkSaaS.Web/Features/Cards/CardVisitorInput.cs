using System.ComponentModel.DataAnnotations;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>The "leave your details" form. <see cref="Website"/> is the honeypot: hidden from people, filled by bots.</summary>
public sealed class CardVisitorInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string Name { get; set; } = "";

    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string? NameKana { get; set; }

    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string? Company { get; set; }

    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string? Title { get; set; }

    [StringLength(254, ErrorMessage = "Use at most {1} characters.")]
    public string? Email { get; set; }

    [StringLength(40, ErrorMessage = "Use at most {1} characters.")]
    public string? Phone { get; set; }

    [StringLength(1000, ErrorMessage = "Use at most {1} characters.")]
    public string? Message { get; set; }

    public string? Website { get; set; }

    public string? Stamp { get; set; }
}
