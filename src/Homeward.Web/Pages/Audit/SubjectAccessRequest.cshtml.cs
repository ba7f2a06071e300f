using Homeward.Access;
using Homeward.People.SubjectAccessRequests;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Audit;

/// <summary>
/// One subject access request: the privacy officer reviews the readable document, withholds lines about other people
/// with the reason, and releases it; released, the document is there to send as a web page or PDF.
/// </summary>
[Needs(Right.AnswerSubjectAccess)]
public sealed class SubjectAccessRequestModel(SubjectAccessRequests requests) : Homeward.Web.Pages.Shared.ActingPage
{
    [FromRoute] public Guid Id { get; set; }
    public SubjectAccessRequestView Answer { get; private set; } = null!;

    protected override string Here => $"/audit/subject-access/{Id}";

    protected override async Task Load(CancellationToken ct) => Answer = await requests.Read(Id, HttpContext.Actor(), ct);

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostWithholdAsync(string[]? keys, string? reason, int version, CancellationToken ct) =>
        Act("withhold", async () =>
        {
            var saved = await requests.Withhold(Id, new SubjectAccessRequests.WithholdInput(keys ?? [], reason), version, HttpContext.Actor(), ct);
            return saved.Withheld.Count == 0 ? "Nothing is withheld." : $"{saved.Withheld.Count} {(saved.Withheld.Count == 1 ? "line is" : "lines are")} withheld.";
        }, ct);

    public Task<IActionResult> OnPostReleaseAsync(int version, CancellationToken ct) =>
        Act("release", async () =>
        {
            await requests.Release(Id, version, HttpContext.Actor(), ct);
            return "Released: the document below is what the person receives.";
        }, ct);

    /// <summary>The released document as a PDF.</summary>
    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        await Load(ct);
        if (Answer.Status != SubjectAccessStatus.Released)
            return Redirect(Here);
        var (pdf, name) = DocumentPdf.Of(Answer);
        return File(pdf, "application/pdf", name);
    }
}
