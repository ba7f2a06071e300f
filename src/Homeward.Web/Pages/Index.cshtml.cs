using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages;

/// <summary>
/// Where a signed-in user starts: their round for a carer on a team's list; Needs attention (the exceptions of the day, overdue first, with the system's pressure)
/// for the hub's roles and managers; "your day" (the exceptions of their own work) for a hospital discharge team, a care
/// provider and a reablement worker; the audit trail for a privacy officer and Administration for a system
/// administrator (who see no records).
/// </summary>
[Needs]
public sealed class IndexModel(Homeward.Rounds.GetMyRound round) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => Redirect(HttpContext.Actor() is not { } actor ? "/board"
        // A carer on a team's list (whatever their role) starts from their round.
        : actor.Has(Right.RecordCare) && await round.IsCarer(actor, ct) ? "/my-day"
        : actor.Role is Role.HospitalDischargeTeam or Role.CareProvider or Role.ReablementWorker ? "/home"
        : actor.Has(Right.AcceptOrDecline) ? "/attention"
        : actor.Has(Right.ReadRecords) ? "/board"
        : actor.Has(Right.ReadAudit) ? "/audit"
        : actor.Has(Right.Administer) ? "/admin"
        : "/board");
}
