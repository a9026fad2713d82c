using System.ComponentModel.DataAnnotations;
using NetworkSaaS.Core.Features.Cards;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>The owner's card settings form.</summary>
public sealed class CardSettingsInput
{
    public bool Enabled { get; set; }
    public bool FormEnabled { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(BusinessCard.HandleMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string Handle { get; set; } = "";

    public bool ShowKana { get; set; }
    public bool ShowTitle { get; set; }
    public bool ShowDepartment { get; set; }
    public bool ShowCompany { get; set; }
    public bool ShowEmail { get; set; }
    public bool ShowPhone { get; set; }
    public bool ShowMessage { get; set; }
    public bool ShowLinks { get; set; }

    [StringLength(BusinessCard.PhoneMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? Phone { get; set; }

    [StringLength(BusinessCard.MessageMaxLength, ErrorMessage = "Use at most {1} characters.")]
    public string? Message { get; set; }

    /// <summary>One address per line.</summary>
    [StringLength((BusinessCard.LinkMaxLength + 2) * BusinessCard.MaxLinks, ErrorMessage = "Use at most {1} characters.")]
    public string? Links { get; set; }

    public CardDetails Shown =>
        (ShowKana ? CardDetails.Kana : CardDetails.None)
        | (ShowTitle ? CardDetails.Title : CardDetails.None)
        | (ShowDepartment ? CardDetails.Department : CardDetails.None)
        | (ShowCompany ? CardDetails.Company : CardDetails.None)
        | (ShowEmail ? CardDetails.Email : CardDetails.None)
        | (ShowPhone ? CardDetails.Phone : CardDetails.None)
        | (ShowMessage ? CardDetails.Message : CardDetails.None)
        | (ShowLinks ? CardDetails.Links : CardDetails.None);

    public static CardSettingsInput From(BusinessCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new CardSettingsInput
        {
            Enabled = card.Enabled,
            FormEnabled = card.FormEnabled,
            Handle = card.Handle,
            ShowKana = card.Shown.HasFlag(CardDetails.Kana),
            ShowTitle = card.Shown.HasFlag(CardDetails.Title),
            ShowDepartment = card.Shown.HasFlag(CardDetails.Department),
            ShowCompany = card.Shown.HasFlag(CardDetails.Company),
            ShowEmail = card.Shown.HasFlag(CardDetails.Email),
            ShowPhone = card.Shown.HasFlag(CardDetails.Phone),
            ShowMessage = card.Shown.HasFlag(CardDetails.Message),
            ShowLinks = card.Shown.HasFlag(CardDetails.Links),
            Phone = card.Phone,
            Message = card.Message,
            Links = string.Join('\n', card.Links),
        };
    }
}
