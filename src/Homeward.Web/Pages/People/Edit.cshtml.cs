using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.People;
using Homeward.Web.Auth;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.People;

/// <summary>
/// Changes a person's details. The form carries the version it was loaded at: if someone else saved
/// first, nothing is overwritten; the page says so, shows their version, and keeps what this user typed
/// beside it so they can make their change again.
/// </summary>
[Needs(Right.EditReferral, PersonRecord = true)]
public sealed class EditModel(GetPerson people, UpdatePerson update) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public PersonInput Input { get; private set; } = new();
    public PersonView? Current { get; private set; }
    public int Version { get; private set; }
    public FormErrors Errors { get; private set; } = new();
    public PersonInput? TheirsWon { get; private set; }
    /// <summary>Why the change was refused as a whole (a restriction in force), what was typed kept.</summary>
    public string? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = await people.Handle(Id, HttpContext.Actor(), ct);
        (Input, Version, Current) = (PersonInput.From(person), person.Version, person);
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "person")] PersonInput input, [FromForm] int version, CancellationToken ct)
    {
        try
        {
            await update.Handle(Id, input, version, HttpContext.Actor(), ct);
            TempData["Banner"] = "Details saved.";
            return Redirect($"/people/{Id}");
        }
        catch (ValidationFailedException e)
        {
            (Input, Version, Errors) = (input, version, FormErrors.From(e.ForPeople.ToDictionary(x => "person." + x.Key, x => x.Value)));
            Current = await people.Handle(Id, HttpContext.Actor(), ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (InvalidTransitionException e)
        {
            (Input, Version, Refused) = (input, version, e.Message);
            Current = await people.Handle(Id, HttpContext.Actor(), ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (StaleVersionException)
        {
            var person = await people.Handle(Id, HttpContext.Actor(), ct);
            (TheirsWon, Input, Version, Current) = (input, PersonInput.From(person), person.Version, person);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return Page();
    }
}
