using Homeward.Web.Auth;
using Homeward.Web.TagHelpers;
using Homeward.YourCare;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.YourCare;

/// <summary>
/// A page of "Your care", for the public: open without staff sign-in (its own cookie, <see cref="PublicSession"/>), in its
/// own layout, never a staff page.
/// </summary>
[AllowAnonymous]
public abstract class PublicPage : PageModel
{
    public FormErrors Errors { get; protected set; } = new();
    public PublicIdentity? Identity { get; private set; }

    protected async Task<PublicIdentity?> Who()
    {
        Identity = await PublicSession.Current(HttpContext);
        ViewData["SignedIn"] = Identity is not null;
        return Identity;
    }

    /// <summary>Where the refused fields' messages go, all of them.</summary>
    protected void Refused(Homeward.Common.ValidationFailedException e)
    {
        foreach (var (field, messages) in e.ForPeople)
            foreach (var message in messages)
                Errors.Add(field, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
