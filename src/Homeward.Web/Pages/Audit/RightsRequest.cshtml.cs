using Homeward.Access;
using Homeward.People.RightsRequests;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Audit;

/// <summary>One correction or restriction request: what the person said, and its answer.</summary>
[Needs(Right.AnswerSubjectAccess)]
public sealed class RightsRequestModel(ReadRightsRequests read, AnswerRightsRequest answering) : Homeward.Web.Pages.Shared.ActingPage
{
    [FromRoute] public Guid Id { get; set; }
    public RightsRequestView Asked { get; private set; } = null!;

    protected override string Here => $"/audit/rights/{Id}";

    protected override async Task Load(CancellationToken ct) => Asked = await read.Handle(Id, HttpContext.Actor(), ct);

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostAnswerAsync(string? decision, string? answer, string? personToldOn, int version, CancellationToken ct) =>
        Act("answer", async () =>
        {
            var saved = await answering.Handle(Id, new(decision, answer, personToldOn), version, HttpContext.Actor(), ct);
            return saved.Status switch
            {
                RightsRequestStatus.Corrected => "Answered: corrected. Tell the person what was changed.",
                RightsRequestStatus.Declined => "Answered: declined. Their statement now shows on their record; tell them why, and that they may complain to the ICO.",
                _ => "The restriction is lifted.",
            };
        }, ct);
}
