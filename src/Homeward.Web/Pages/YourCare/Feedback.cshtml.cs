using Homeward.Common;
using Homeward.YourCare;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.YourCare;

/// <summary>"Tell us how it went": the person's, or their family's, view of the service at the end of their support.</summary>
public sealed class FeedbackModel(PublicAccess access, RecordExperience record) : PublicPage
{
    [FromRoute] public Guid Id { get; set; }
    public Viewer Viewer { get; private set; } = null!;
    public bool Askable { get; private set; }
    [BindProperty] public RecordExperience.Input Answers { get; set; } = new();

    private async Task<IActionResult?> Load(CancellationToken ct)
    {
        if (await Who() is not { } identity)
            return Redirect("/your-care");
        Viewer = await access.For(identity, Id, ct) ?? throw new NotFoundException("person", Id);
        Askable = await record.Askable(Id, ct) is not null;
        return null;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Load(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await Load(ct) is { } away)
            return away;
        try
        {
            await record.FromThePublic(Identity!, Viewer, Answers, ct);
            TempData["Thanks"] = "Thank you for telling us. Your answers help us improve the service.";
            return Redirect($"/your-care/{Id}");
        }
        catch (ValidationFailedException e)
        {
            Refused(e);
            return Page();
        }
        catch (InvalidTransitionException e)
        {
            TempData["Thanks"] = e.Message;
            return Redirect($"/your-care/{Id}");
        }
    }
}
