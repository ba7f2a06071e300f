using System.Text.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.People;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Audit;

/// <summary>A subject access request answered from the web: the NHS number in, everything held about the person out, as a JSON file.</summary>
[Needs(Right.AnswerSubjectAccess)]
public sealed class SubjectAccessModel(SubjectAccess subjectAccess) : PageModel
{
    public FormErrors Errors { get; private set; } = new();
    public string? Typed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? nhsNumber, CancellationToken ct)
    {
        try
        {
            var export = await subjectAccess.ByNhsNumber(nhsNumber, HttpContext.Actor(), ct);
            var json = JsonSerializer.SerializeToUtf8Bytes(export, new JsonSerializerOptions(Json.Options) { WriteIndented = true });
            return File(json, "application/json", $"subject-access-{export.Person.NhsNumber ?? export.Person.Id.ToString()}-{export.MadeAt:yyyy-MM-dd}.json");
        }
        catch (ValidationFailedException e)
        {
            (Errors, Typed) = (FormErrors.From(e.ForPeople), nhsNumber);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
