using Homeward.YourCare;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.YourCare;

/// <summary>One person's care as they and their family see it; 404 for anyone they may not see.</summary>
public sealed class PersonModel(GetYourCare care, RecordExperience experience, PublicAccess access, ShareCare share) : PublicPage
{
    [FromRoute] public Guid Id { get; set; }
    public YourCareView View { get; private set; } = null!;
    /// <summary>Their support has ended or is in its last week, and nobody has told us how it went yet.</summary>
    public bool AskHowItWent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await Who() is not { } identity)
            return Redirect("/your-care");
        View = await care.Handle(identity, Id, HttpContext.TraceIdentifier, ct);
        AskHowItWent = await experience.Askable(Id, ct) is not null;
        return Page();
    }

    /// <summary>The person stops sharing their care with someone: at once, from their own page.</summary>
    public async Task<IActionResult> OnPostStopSharingAsync(Guid accessId, CancellationToken ct)
    {
        if (await Who() is not { } identity)
            return Redirect("/your-care");
        var viewer = await access.For(identity, Id, ct) ?? throw new Homeward.Common.NotFoundException("person", Id);
        try
        {
            await share.WithdrawByThePerson(viewer, accessId, ct);
            TempData["Thanks"] = "Done: they can no longer see your care. Tell the team if you want to share it again.";
        }
        catch (Homeward.Common.InvalidTransitionException e)
        {
            TempData["Thanks"] = e.Message;
        }
        return Redirect($"/your-care/{Id}");
    }
}
