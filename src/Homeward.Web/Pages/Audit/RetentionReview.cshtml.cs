using Homeward.Access;
using Homeward.Retention.Disposal;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Audit;

/// <summary>One record due for review: what it holds and what would stop its destruction; keep it until a day, or destroy it.</summary>
[Needs(Right.AnswerSubjectAccess)]
public sealed class RetentionReviewModel(ReadDisposalReviews reviews, ReviewRecord review) : Homeward.Web.Pages.Shared.ActingPage
{
    [FromRoute] public Guid PersonId { get; set; }
    public ReadDisposalReviews.DueView? Record { get; private set; }

    protected override string Here => "/audit/retention";

    protected override async Task Load(CancellationToken ct) => Record = await reviews.One(PersonId, HttpContext.Actor(), ct);

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostAsync(string? decision, string? reason, string? keepUntil, string? @checked, CancellationToken ct) =>
        Act("review", async () =>
        {
            var (done, name) = await review.Handle(PersonId, new(decision, reason, keepUntil, @checked == "yes"), HttpContext.Actor(), ct);
            return done.Decision == DisposalDecision.Keep
                ? $"{name}'s record is kept; it comes up for review again on {done.KeepUntil:d MMMM yyyy}."
                : $"{name}'s record is destroyed. The register keeps what was erased, under the record's id only.";
        }, ct);
}
