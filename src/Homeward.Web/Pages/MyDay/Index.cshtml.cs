using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Rotas;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.MyDay;

/// <summary>A carer's own day: their visits in order from the team's published rota, with addresses and the break.</summary>
[Needs(Right.ReadRecords)]
public sealed class IndexModel(TeamRotas rotas) : PageModel
{
    [FromQuery] public string? Date { get; set; }
    public TeamRotas.MyDay Day { get; private set; } = null!;
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Day = await rotas.Mine(Date, HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException)
        {
            Notice = "That date is not a real date: showing today.";
            Day = await rotas.Mine(null, HttpContext.Actor(), ct);
        }
    }
}
