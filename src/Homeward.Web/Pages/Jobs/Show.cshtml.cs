using Homeward.Common;
using Homeward.Jobs;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Jobs;

/// <summary>
/// A job's page: how far the work has got (updating itself each second), a button to stop it, and, once done, the way
/// to its result (the page goes there by itself when it was watching). The person may leave: the work carries on.
/// </summary>
[Needs]
public sealed class ShowModel(Homeward.Jobs.Jobs jobs) : ActingPage
{
    [FromRoute] public Guid Id { get; set; }

    /// <summary>The person has just asked for the job: if it is done already when they arrive, they go to its result.</summary>
    [FromQuery] public bool Follow { get; set; }
    public JobView? Job { get; private set; }

    protected override string Here => $"/jobs/{Id}";

    protected override async Task Load(CancellationToken ct) => Job = await jobs.Get(Id, HttpContext.Actor(), ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            await Load(ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        // The page was watching (htmx asks each second), or the person has just asked and the work was quicker than
        // their browser: either way, they go to the result. Nothing is rendered here (the page would read the banner
        // meant for the result's page).
        var watching = Request.Headers.ContainsKey("HX-Request");
        if (Job is not { Status: JobStatus.Done, ResultPage: { } page } || !(watching || Follow))
            return Page();
        TempData["Banner"] = Job.Message;
        if (!watching)
            return LocalRedirect(page);
        Response.Headers["HX-Redirect"] = page;
        return new ContentResult { Content = "", ContentType = "text/html" };
    }

    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) =>
        Act("cancel", async () =>
        {
            var job = await jobs.Cancel(Id, HttpContext.Actor(), ct);
            return job.Status == JobStatus.Cancelled ? "Stopped before it started." : "Stopping: nothing it made will be kept.";
        }, ct);
}
