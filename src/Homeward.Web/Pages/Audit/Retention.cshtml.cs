using Homeward.Access;
using Homeward.Retention.Disposal;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Audit;

/// <summary>The retention schedule, the records due for a disposal review, and the register of what was decided.</summary>
[Needs(Right.AnswerSubjectAccess)]
public sealed class RetentionModel(ReadDisposalReviews reviews) : PageModel
{
    public ReadDisposalReviews.DueList Due { get; private set; } = new(0, []);
    public IReadOnlyList<ReadDisposalReviews.DisposalView> Register { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Due = await reviews.Due(HttpContext.Actor(), ct);
        Register = await reviews.Register(HttpContext.Actor(), ct);
    }
}
