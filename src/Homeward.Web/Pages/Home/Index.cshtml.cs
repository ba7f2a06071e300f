using Homeward.Access;
using Homeward.Home;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Home;

/// <summary>Your day: where a hospital team, a provider or a reablement worker starts, the exceptions of their own work first.</summary>
[Needs(Right.ReadRecords)]
public sealed class IndexModel(YourDay yourDay) : PageModel
{
    public YourDay.View View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await yourDay.Handle(HttpContext.Actor(), ct);
}
