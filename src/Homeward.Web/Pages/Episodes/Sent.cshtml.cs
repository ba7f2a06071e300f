using System.Text.Json;
using System.Text.Json.Nodes;
using Homeward.Access;
using Homeward.Common;
using Homeward.Episodes;
using Homeward.Fhir;
using Homeward.Referrals.SentWith;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Episodes;

/// <summary>
/// One thing a sending system sent with the referral: a discharge summary (or any clinical document) rendered under its
/// headings, with its narrative cleaned of anything active; anything else in words; each also as received.
/// </summary>
[Needs(Right.ReadRecords, PersonRecord = true)]
public sealed class SentModel(GetEpisode episodes, SentWithReferral sentWith) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public Guid DocumentId { get; set; }
    public EpisodeView Episode { get; private set; } = null!;
    public SentDocument Document { get; private set; } = null!;
    /// <summary>A clinical document under its headings; null for anything else.</summary>
    public ClinicalDocument? Rendered { get; private set; }
    public string AsReceived { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Episode = await episodes.Handle(Id, actor, ct);
        var read = await sentWith.Read(DocumentId, actor, ct);
        if (read is not { } found || found.Referral.Id != Episode.ReferralId)
            throw new NotFoundException("document sent with this referral", DocumentId);
        Document = found.Document;
        if (Document.ResourceType is "Bundle" or "Composition")
        {
            // A Composition sent with a referral names the other resources sent with it by the id or fullUrl they came under.
            var others = Document.ResourceType == "Composition"
                ? (await sentWith.AllAsReceived(found.Referral, ct)).Where(d => d.SenderId is not null && d.Id != Document.Id)
                    .GroupBy(d => d.SenderId!).ToDictionary(g => g.Key, g => FhirFormat.Read(g.First().Content, FhirFormatKind.Json))
                : null;
            Rendered = ClinicalDocument.Read(Document.Content, others);
        }
        AsReceived = JsonNode.Parse(Document.Content)?.ToJsonString(Indented) ?? Document.Content;
    }
}
