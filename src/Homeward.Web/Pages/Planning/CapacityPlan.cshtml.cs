using Homeward.Access;
using Homeward.Planning.CapacityPlans;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Planning;

/// <summary>One capacity plan: each service today and in the plan, the cost against today's, and the trade-off curve.</summary>
[Needs(Right.Plan)]
public sealed class CapacityPlanModel(ReadCapacityPlans read) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public CapacityPlanDetail Detail { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Detail = await read.One(Id, HttpContext.Actor(), ct);
}
