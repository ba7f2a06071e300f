using Homeward.Access;
using Homeward.Common;
using Homeward.DischargeReady;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.DischargeReady;

/// <summary>The acute trust's daily discharge-ready list: upload it, see what each line did.</summary>
[Needs(Right.EditReferral)]
public sealed class IndexModel(ImportReadyList import) : PageModel
{
    private const long MostBytes = 1 << 20;

    public ImportReadyList.Report? Report { get; private set; }
    public FormErrors Errors { get; private set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            Errors.Add("file", "Choose the day's discharge-ready list: a CSV file.");
        else if (file.Length > MostBytes)
            Errors.Add("file", $"The file is {file.Length / 1024} KiB; a discharge-ready list is at most {MostBytes / 1024} KiB.");
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            using var reader = new StreamReader(file!.OpenReadStream(), System.Text.Encoding.UTF8);
            Report = await import.Handle(reader, HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException e)
        {
            Errors = FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
