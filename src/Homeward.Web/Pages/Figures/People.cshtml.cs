using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Figures;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Figures;

/// <summary>The people behind one figure in a period: who counted and who did not. Each person shown is audited.</summary>
[Needs(Right.ReadFigures, Right.ReadRecords)]
public sealed class PeopleModel(Dashboard dashboard) : PageModel
{
    [FromRoute] public string Code { get; set; } = "";
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }
    public FigureDefinition? Figure { get; private set; }
    public IReadOnlyList<Dashboard.Person> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Enum.TryParse<FigureCode>(Code, out var code))
            return NotFound();
        Figure = FigureDefinitions.Get(code);
        Rows = await dashboard.People(Code, new Dashboard.Query { From = From, To = To }, HttpContext.Actor(), ct);
        return Page();
    }
}
