using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Errors;

/// <summary>The page people see when something goes wrong: what happened in words, never a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, there is a problem with the service";
    public string Detail { get; private set; } = "Try again later.";
    public string CorrelationId => HttpContext.TraceIdentifier;
    public int Status => Response.StatusCode;

    public void OnGet([FromRoute] int? status) => Describe(status);

    // From the route only: the form of a failed post may be the very thing that could not be read.
    public void OnPost([FromRoute] int? status) => Describe(status);

    private void Describe(int? status)
    {
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error)
        {
            var (code, title, detail, _) = ErrorHandler.Describe(error);
            status = code;
            if (code != 500)
                (Title, Detail) = (title, detail);
        }
        else if (status == 404)
            (Title, Detail) = ("Page not found", "If you typed the web address, check it is correct. If you followed a link, the record may not exist or you may not be allowed to see it.");
        else if (status == 403)
            (Title, Detail) = ("You cannot do that in your role", "Ask a colleague whose role allows it, or your manager.");
        else if (status == 400)
            (Title, Detail) = ("The request could not be read", "Go back and try again.");
        Response.StatusCode = status ?? 500;
    }
}
