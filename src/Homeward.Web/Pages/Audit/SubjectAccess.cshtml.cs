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

/// <summary>
/// Subject access requests: opening one (then reviewed on its own page), the requests waiting, and a machine-readable
/// copy of everything held as a JSON file.
/// </summary>
[Needs(Right.AnswerSubjectAccess)]
public sealed class SubjectAccessModel(SubjectAccess subjectAccess, Homeward.People.SubjectAccessRequests.SubjectAccessRequests requests) : PageModel
{
    /// <summary>Problems with opening a request, and with the JSON download (each form its own).</summary>
    public FormErrors Errors { get; private set; } = new();
    public FormErrors JsonErrors { get; private set; } = new();
    public string? Typed { get; private set; }
    public IReadOnlyList<Homeward.People.SubjectAccessRequests.SubjectAccessRequests.Waiting> Waiting { get; private set; } = [];
    private IFormCollection? _opened;

    public string? TypedOpen(string field) => _opened?[field].ToString();

    public async Task OnGetAsync(CancellationToken ct) => Waiting = await requests.InReview(HttpContext.Actor(), ct);

    public async Task<IActionResult> OnPostOpenAsync(string? nhsNumber, string? requester, string? receivedOn, CancellationToken ct)
    {
        try
        {
            var request = await requests.Open(new(nhsNumber, requester, receivedOn), HttpContext.Actor(), ct);
            return Redirect($"/audit/subject-access/{request.Id}");
        }
        catch (ValidationFailedException e)
        {
            Errors = new FormErrors();
            foreach (var (field, messages) in e.ForPeople)
                foreach (var message in messages)
                    Errors.Add($"open-{field}", message);
            _opened = Request.Form;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Waiting = await requests.InReview(HttpContext.Actor(), ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostJsonAsync(string? nhsNumber, CancellationToken ct)
    {
        try
        {
            var export = await subjectAccess.ByNhsNumber(nhsNumber, HttpContext.Actor(), ct);
            var json = JsonSerializer.SerializeToUtf8Bytes(export, new JsonSerializerOptions(Json.Options) { WriteIndented = true });
            return File(json, "application/json", $"subject-access-{export.Person.NhsNumber ?? export.Person.Id.ToString()}-{export.MadeAt:yyyy-MM-dd}.json");
        }
        catch (ValidationFailedException e)
        {
            (JsonErrors, Typed) = (FormErrors.From(e.ForPeople), nhsNumber);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Waiting = await requests.InReview(HttpContext.Actor(), ct);
            return Page();
        }
    }
}
