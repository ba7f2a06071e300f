using Homeward.Access;
using Homeward.Common;
using Homeward.People;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.People;

/// <summary>Find a person: one search box (name, NHS number, date of birth or postcode), everyone the user may see.</summary>
[Needs(Right.ReadRecords)]
public sealed class IndexModel(FindPeople find) : PageModel
{
    [FromQuery] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }
    public Page<FindPeople.Hit>? Results { get; private set; }
    public FormErrors Errors { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Q is null)
            return;
        try
        {
            Results = await find.Handle(new FindPeople.Query(Text: Q, Page: PageNumber), HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.ForPeople)
                foreach (var message in messages)
                    Errors.Add(field is "text" or "page" ? "q" : field, message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
