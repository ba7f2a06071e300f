using Homeward.Access;
using Homeward.Common;
using Homeward.Returns;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Returns;

/// <summary>A return made on the job engine: who made it and when, its validation, its first rows, and its file.</summary>
[Needs(Right.ReadFigures)]
public sealed class MadeModel(GetMadeReturn get) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public MadeReturn? Made { get; private set; }
    public ReturnTable? Table { get; private set; }

    public ReturnForm Form => new(Made?.Code, null, null, IndexModel.OptionsFor(HttpContext.Actor()), new());

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        try
        {
            (Made, Table) = await get.Handle(Id, HttpContext.Actor(), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (format is "csv" or "xlsx" && Table.Submittable)
        {
            var as_ = format == "csv" ? ReturnFormat.Csv : ReturnFormat.Xlsx;
            return File(await ReturnFiles.Bytes(Table, as_, ct), ReturnFiles.ContentType(as_), ReturnFiles.FileName(Table, as_));
        }
        return Page();
    }
}
