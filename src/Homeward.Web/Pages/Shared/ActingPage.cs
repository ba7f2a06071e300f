using Homeward.Common;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Shared;

/// <summary>
/// A page whose forms run actions. <see cref="Act"/> is the one way they do it: on success, back to the page with a
/// banner; when refused, the page again with the field errors (keyed to the form that was sent) or a notice saying
/// why, and what was typed kept. Never a stack trace.
/// </summary>
public abstract class ActingPage : PageModel
{
    public FormErrors Errors { get; protected set; } = new();
    /// <summary>Which form the errors belong to.</summary>
    public string? FailedStep { get; private set; }
    public string? Notice { get; protected set; }
    public IFormCollection? Posted { get; private set; }

    /// <summary>Where a successful action returns to.</summary>
    protected abstract string Here { get; }

    /// <summary>Loads what the page shows (after a refused action too).</summary>
    protected abstract Task Load(CancellationToken ct);

    protected async Task<IActionResult> Act(string form, Func<string, string> fieldKey, Func<Task<string>> action, CancellationToken ct)
    {
        try
        {
            TempData["Banner"] = await action();
            return Redirect(Here);
        }
        catch (ValidationFailedException e)
        {
            var errors = new FormErrors();
            foreach (var (field, messages) in e.ForPeople)
                foreach (var message in messages)
                    errors.Add(fieldKey(field), message);
            (Errors, FailedStep, Posted) = (errors, form, Request.Form);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (StaleVersionException)
        {
            Notice = "Someone else changed this record after you opened it. The page now shows their change: check it before you act.";
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (Exception e) when (e is InvalidTransitionException or Homeward.Capacity.CapacityUnavailableException)
        {
            Notice = e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        await Load(ct);
        return Page();
    }

    protected Task<IActionResult> Act(string form, Func<Task<string>> action, CancellationToken ct) => Act(form, key => key, action, ct);

    /// <summary>What the user typed into a form's field, kept when the action was refused.</summary>
    public string? Typed(string form, string field) => FailedStep == form ? Posted?[field].ToString() : null;

    /// <summary>What a field of a form shows: what was typed when that form was just refused, otherwise what is saved.</summary>
    public string Typed(string form, string field, string? saved) => FailedStep == form ? Typed(form, field) ?? "" : saved ?? "";

    /// <summary>Every value ticked under a field (checkboxes), kept when the action was refused.</summary>
    public IEnumerable<string> TypedAll(string form, string field) =>
        FailedStep == form && Posted is { } posted ? posted[field].Select(v => v ?? "") : [];
}
