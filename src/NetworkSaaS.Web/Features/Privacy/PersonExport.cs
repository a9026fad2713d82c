using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetworkSaaS.Core.Features.Privacy;
using NetworkSaaS.Web.Features.Spreadsheets;

namespace NetworkSaaS.Web.Features.Privacy;

/// <summary>
/// The answer to a disclosure request (開示 / GDPR Art. 15) as files: JSON with every copy nested, and CSV with one line per
/// value (record, ids, field, value) so that every copy, interaction and introduction fits one table. CSV cells go
/// through <see cref="CsvOutput"/>, which neutralises anything a spreadsheet would run as a formula.
/// </summary>
public static class PersonExport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // A download, never embedded in a page: Japanese stays readable instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ToJson(PrivacyRequest request, string company, IReadOnlyList<PersonRecord> records, DateTimeOffset exportedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(records);
        var document = new
        {
            Reference = request.Reference,
            Company = company,
            ExportedAt = exportedAt,
            Contacts = records.Select(r => new
            {
                r.Contact.Id,
                Owner = r.OwnerName,
                r.Contact.FamilyName,
                r.Contact.GivenName,
                r.Contact.FamilyNameKana,
                r.Contact.GivenNameKana,
                r.Contact.DisplayName,
                r.Contact.CompanyName,
                Organization = r.OrganizationName,
                r.Contact.Department,
                r.Contact.Title,
                r.Contact.Emails,
                r.Contact.Phones,
                r.Contact.Urls,
                r.Contact.Address,
                r.Contact.Tags,
                r.Contact.Expertise,
                r.Contact.Notes,
                HowWeMet = r.Contact.Channel,
                r.Contact.MetOn,
                r.Contact.MetAt,
                r.Contact.Depth,
                r.Contact.OpenTo,
                r.Contact.Visibility,
                r.Contact.LastContactedOn,
                r.Contact.NextTouchOn,
                r.Contact.UseStopped,
                r.Contact.CreatedAt,
                r.Contact.UpdatedAt,
                r.Interactions,
                r.Introductions,
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    public static byte[] ToCsv(PrivacyRequest request, IReadOnlyList<PersonRecord> records)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(records);
        using var stream = new MemoryStream();
        using (var csv = new CsvOutput(stream))
        {
            csv.WriteRow(["record", "record_id", "contact_id", "owner", "field", "value"]);
            foreach (var r in records)
            {
                var c = r.Contact;
                var id = c.Id.ToString();
                void Field(string field, string? value)
                {
                    if (!string.IsNullOrEmpty(value))
                    {
                        csv.WriteRow(["contact", id, id, r.OwnerName, field, value]);
                    }
                }

                Field("family_name", c.FamilyName);
                Field("given_name", c.GivenName);
                Field("family_name_kana", c.FamilyNameKana);
                Field("given_name_kana", c.GivenNameKana);
                Field("company", c.CompanyName);
                Field("organization", r.OrganizationName);
                Field("department", c.Department);
                Field("title", c.Title);
                Field("emails", string.Join(';', c.Emails));
                Field("phones", string.Join(';', c.Phones));
                Field("urls", string.Join(';', c.Urls));
                Field("address", c.Address);
                Field("tags", string.Join(';', c.Tags));
                Field("expertise", string.Join(';', c.Expertise));
                Field("notes", c.Notes);
                Field("how_we_met", c.Channel.ToString());
                Field("met_on", Date(c.MetOn));
                Field("met_at", c.MetAt);
                Field("depth", c.Depth.ToString(CultureInfo.InvariantCulture));
                Field("open_to", c.OpenTo.ToString());
                Field("visibility", c.Visibility.ToString());
                Field("last_contacted_on", Date(c.LastContactedOn));
                Field("use_stopped", c.UseStopped ? "true" : "false");
                Field("created_at", c.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                foreach (var i in r.Interactions)
                {
                    var row = i.Id.ToString();
                    csv.WriteRow(["interaction", row, id, r.OwnerName, "kind", i.Kind.ToString()]);
                    csv.WriteRow(["interaction", row, id, r.OwnerName, "occurred_on", Date(i.OccurredOn)]);
                    csv.WriteRow(["interaction", row, id, r.OwnerName, "logged_by", i.LoggedBy]);
                    csv.WriteRow(["interaction", row, id, r.OwnerName, "note", i.Note]);
                }

                foreach (var n in r.Introductions)
                {
                    var row = n.Id.ToString();
                    csv.WriteRow(["introduction", row, id, r.OwnerName, "purpose", n.Purpose.ToString()]);
                    csv.WriteRow(["introduction", row, id, r.OwnerName, "state", n.State.ToString()]);
                    csv.WriteRow(["introduction", row, id, r.OwnerName, "outcome", n.Outcome.ToString()]);
                    csv.WriteRow(["introduction", row, id, r.OwnerName, "requester", n.Requester]);
                    csv.WriteRow(["introduction", row, id, r.OwnerName, "connector", n.Connector]);
                    csv.WriteRow(["introduction", row, id, r.OwnerName, "target", n.TargetSummary]);
                    csv.WriteRow(["introduction", row, id, r.OwnerName, "reason", n.Reason]);
                    csv.WriteRow(["introduction", row, id, r.OwnerName, "decline_reason", n.DeclineReason]);
                    csv.WriteRow(["introduction", row, id, r.OwnerName, "consent_on", n.ConsentOn is { } consent ? Date(consent) : null]);
                    csv.WriteRow(["introduction", row, id, r.OwnerName, "created_at", n.CreatedAt.ToString("O", CultureInfo.InvariantCulture)]);
                    foreach (var m in n.Messages)
                    {
                        csv.WriteRow(["introduction", row, id, r.OwnerName, "message", string.Create(CultureInfo.InvariantCulture, $"{m.At:O} {m.From}: {m.Text}")]);
                    }
                }
            }
        }

        return stream.ToArray();
    }

    private static string? Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
