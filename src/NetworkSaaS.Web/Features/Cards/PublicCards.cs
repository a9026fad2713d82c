using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Cards;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>
/// What a visitor of a card may see: the display name and only the details the owner chose (the others are null here,
/// so no page or file can show them by mistake).
/// </summary>
public sealed record PublicCard(
    Guid Id,
    Guid OwnerId,
    string Address,
    string OwnerCulture,
    bool FormEnabled,
    string DisplayName,
    string? FamilyName,
    string? GivenName,
    string? Kana,
    string? Title,
    string? Department,
    string? Company,
    string? Email,
    string? Phone,
    string? Message,
    IReadOnlyList<string> Links);

/// <summary>
/// Finds the card an address names in the current tenant. An unknown handle, a wrong token, a card that is off and a
/// deactivated owner all answer null after the same single query, so neither the answer nor its timing tells them apart.
/// The result is kept for the request (the language choice and the page both ask).
/// </summary>
public sealed class PublicCards(AppDbContext db, ITenantContextAccessor tenantContext)
{
    private static readonly string DecoyToken = new('a', BusinessCard.TokenLength);
    private (string Address, PublicCard? Card)? found;

    public async Task<PublicCard?> FindAsync(string? address, CancellationToken cancellationToken)
    {
        if (found is { } known && known.Address == address)
        {
            return known.Card;
        }

        var card = await LoadAsync(address, cancellationToken);
        found = (address ?? "", card);
        return card;
    }

    private async Task<PublicCard?> LoadAsync(string? address, CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant ?? throw new InvalidOperationException("No tenant.");
        var parsed = CardAddress.Parse(address);
        var handle = parsed?.Handle ?? "";
        var row = await db.BusinessCards.AsNoTracking()
            .Where(c => c.Handle == handle)
            .Join(db.Users, c => new { T = c.TenantId, U = c.UserId }, u => new { T = u.TenantId, U = u.Id }, (c, u) => new
            {
                Card = c,
                u.DisplayName,
                u.DisplayNameKana,
                u.FamilyName,
                u.GivenName,
                u.Title,
                u.Email,
                u.Culture,
                u.IsActive,
                Department = u.Department == null ? null : u.Department.Name,
            })
            .SingleOrDefaultAsync(cancellationToken);
        var tokenMatches = CardAddress.TokenMatches(row?.Card.Token ?? DecoyToken, parsed?.Token ?? DecoyToken);
        if (row is null || parsed is null || !tokenMatches || !row.Card.Enabled || !row.IsActive)
        {
            return null;
        }

        var card = row.Card;
        string? If(CardDetails detail, string? value) => card.Shown.HasFlag(detail) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        return new PublicCard(
            card.Id,
            card.UserId,
            CardAddress.Format(card.Handle, card.Token),
            row.Culture is { Length: > 0 } culture && SupportedCultures.IsSupported(culture) ? culture : tenant.DefaultCulture,
            card.FormEnabled,
            row.DisplayName,
            row.FamilyName,
            row.GivenName,
            If(CardDetails.Kana, row.DisplayNameKana),
            If(CardDetails.Title, row.Title),
            If(CardDetails.Department, row.Department),
            If(CardDetails.Company, tenant.Name),
            If(CardDetails.Email, row.Email),
            If(CardDetails.Phone, card.Phone),
            If(CardDetails.Message, card.Message),
            card.Shown.HasFlag(CardDetails.Links) ? [.. card.Links] : []);
    }
}
