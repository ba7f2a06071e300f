using Homeward.Access;
using Homeward.Alerts;
using Homeward.Attention;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Attention;

/// <summary>
/// The live alert: how many items of the kinds that cannot wait (new 2-hour referrals, referrals held for a match,
/// declined offers, missed visits) are open and not yet taken. Counts only, naming nobody, so it is not a look at
/// anyone's record.
/// </summary>
[Needs(Right.AcceptOrDecline)]
public sealed class AlertsModel(NeedsAttention queue) : PageModel
{
    public IReadOnlyList<NeedsAttention.Count> Waiting { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var view = await queue.Work(HttpContext.Actor(), ct, SendAlerts.Urgent);
        Waiting = [.. view.Counts.Where(c => c.Open > 0)];
    }
}
