using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages;

/// <summary>Where a signed-in user starts: the hub board, or the audit trail for a privacy officer (who sees no records).</summary>
[Needs]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(HttpContext.Actor() is { } actor && !actor.Has(Right.ReadRecords) && actor.Has(Right.ReadAudit) ? "/audit" : "/board");
}
