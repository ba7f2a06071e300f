using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Referrals;
using Homeward.Web.Auth;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Route = Homeward.Referrals.Route;

namespace Homeward.Web.Pages.Refer;

/// <summary>Refer someone: choose the route, then one form that finds or records the person and submits the referral.</summary>
[Needs(Right.SubmitReferral)]
public sealed class IndexModel(SubmitReferral submit, GetReferral referrals, Homeward.Administration.ListHospitalSites sites) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Route { get; set; }
    public Route? ChosenRoute => Enum.TryParse<Route>(Route, out var r) && Enum.IsDefined(r) ? r : null;
    public SubmitReferral.Request Input { get; private set; } = new();
    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString("N");
    public FormErrors Errors { get; private set; } = new();
    /// <summary>The episode of the referral this form already made (sent again after going back, with changes).</summary>
    public Guid? AlreadySent { get; private set; }

    /// <summary>The partnership's hospital sites and wards, suggested as the hospital and ward are typed.</summary>
    public IReadOnlyList<Homeward.Administration.ListHospitalSites.Site> Sites { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Sites = await sites.Handle(HttpContext.Actor(), ct);

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.HttpMethod == "Post")
            Sites = await sites.Handle(HttpContext.Actor(), HttpContext.RequestAborted);
        await next();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] SubmitReferral.Request input, [FromForm] string? idempotencyKey, CancellationToken ct)
    {
        Input = input with { Route = Route };
        IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? IdempotencyKey : idempotencyKey;
        try
        {
            var outcome = await submit.Handle(Input, IdempotencyKey, HttpContext.Actor(), ct);
            if (outcome.Held is { } held)
            {
                TempData["Banner"] = held.Explanation;
                return Redirect("/refer");
            }
            TempData["Banner"] = $"Referral received for {outcome.Referral!.Person.Name}. Triage it below.";
            return Redirect($"/episodes/{outcome.Referral.Episode.Id}");
        }
        catch (ValidationFailedException e)
        {
            Errors = FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (IdempotencyKeyReusedException e)
        {
            AlreadySent = e.ReferralId is { } id ? (await referrals.Handle(id, HttpContext.Actor(), ct)).Episode.Id : null;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }
}
