using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Returns;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Returns;

/// <summary>The national returns: pick one and a period, see it, download it as CSV or XLSX.</summary>
[Needs(Right.ReadFigures)]
public sealed class IndexModel(MakeReturn make) : PageModel
{
    [FromQuery] public string? Code { get; set; }
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }
    public ReturnTable? Table { get; private set; }
    public Homeward.Web.TagHelpers.FormErrors Errors { get; private set; } = new();

    public static readonly (string Code, string Label)[] All =
    [
        ("ascof-2b", "ASCOF 2B(1) and 2B(2): at home 91 days after discharge"), ("ascof-2d", "ASCOF 2D: outcome of short-term support"),
        ("sts001", "SALT STS001: requests from new clients"), ("sts002a", "SALT STS002a: new clients, by sequel"),
        ("sts002b", "SALT STS002b: existing clients, by sequel"), ("sts004", "SALT STS004: by age band and gender"),
        ("cld", "Client Level Data (quarterly events)"), ("weekly-intermediate-care", "Intermediate care weekly collection"),
    ];

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        if (Code is null)
            return Page();
        try
        {
            Table = await make.Handle(Code, new MakeReturn.Query(From, To), HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException e)
        {
            Errors = Homeward.Web.TagHelpers.FormErrors.From(e.Errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (format is "csv" or "xlsx")
        {
            var as_ = format == "csv" ? ReturnFormat.Csv : ReturnFormat.Xlsx;
            var buffer = new MemoryStream();
            await ReturnFiles.Write(Table, as_, buffer, ct);
            return File(buffer.ToArray(), ReturnFiles.ContentType(as_), ReturnFiles.FileName(Table, as_));
        }
        return Page();
    }
}
