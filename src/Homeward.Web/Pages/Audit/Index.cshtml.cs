using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Web.Auth;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Audit;

/// <summary>
/// The audit viewer for the privacy officer (and managers): every access to personal data, newest first, filtered by
/// person (who looked at this record), user, day, action and outcome. Viewing it is audited too.
/// </summary>
[Needs(Right.ReadAudit)]
public sealed class IndexModel(ReadAudit audit) : PageModel
{
    [FromQuery] public string? NhsNumber { get; set; }
    /// <summary>Someone recorded without an NHS number (to be traced) is found by their record's id.</summary>
    [FromQuery] public Guid? PersonId { get; set; }
    [FromQuery(Name = "user")] public string? UserName { get; set; }
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }
    [FromQuery] public string? Action { get; set; }
    [FromQuery] public string? Outcome { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }
    public Page<ReadAudit.Row>? Rows { get; private set; }
    public FormErrors Errors { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Rows = await audit.Handle(new ReadAudit.Query(PersonId: PersonId, NhsNumber: NhsNumber, User: UserName, From: From, To: To, Action: Action, Outcome: Outcome,
                Page: PageNumber, PageSize: 50), HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException e)
        {
            Errors = FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>This page's filters with another page number.</summary>
    public string PageLink(int page) => "/audit?" + Filters(("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The CSV export of everything these filters match.</summary>
    public string ExportLink => "/api/audit/export?" + Filters();

    private string Filters(params (string Key, string? Value)[] more) => string.Join("&", new (string Key, string? Value)[]
        {
            ("nhsNumber", NhsNumber), ("user", UserName), ("from", From), ("to", To), ("action", Action), ("outcome", Outcome),
        }.Concat(more).Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
}
