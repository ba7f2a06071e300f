using Homeward.Access;
using Homeward.Administration;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Admin;

/// <summary>The Administration area: the partnership's set-up at a glance, with the way to add or change each record.</summary>
[Needs(Right.Administer)]
public sealed class IndexModel(ReadSetup setup) : PageModel
{
    public ReadSetup.Setup Setup { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Setup = await setup.Handle(HttpContext.Actor(), ct);
}
