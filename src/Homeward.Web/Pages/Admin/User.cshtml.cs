using Homeward.Access;
using Homeward.Administration;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Admin;

/// <summary>
/// A user: their details, role, organisation and further profiles; and what an administrator does for them (deactivate
/// or reactivate, unlock, a link to set a new password). A new user is invited: the page shows the link to send them.
/// </summary>
[Needs(Right.Administer)]
public sealed class UserModel(ReadSetup setup, SaveUser save, SetUserActive activation, UnlockUser unlock, ResetPassword reset) : AdminPage(setup)
{
    /// <summary>Further profiles a form offers (a user seldom holds more).</summary>
    public const int ProfileRows = 3;

    public ReadSetup.UserLine? Record { get; private set; }
    /// <summary>A set-password link just made, to give the user.</summary>
    public string? Link { get; private set; }

    protected override void LoadRecord() => Record = IsNew ? null : Setup.Users.FirstOrDefault(u => u.User.Id == Which) ?? throw Missing("user");

    public IEnumerable<(string, string)> Members => Setup.Organisations.Where(o => o.Active).Select(o => (o.OdsCode, $"{o.Name} ({o.OdsCode})"));

    public static IEnumerable<(string, string)> RoleOptions => Labels.Options<Role>(r => r.Label());

    public async Task<IActionResult> OnPostAsync(int? version, CancellationToken ct)
    {
        await Load(ct);
        var form = Request.Form;
        var input = new SaveUser.Input
        {
            UserName = form["userName"], DisplayName = form["displayName"], Role = form["role"], Organisation = form["organisation"],
            Profiles = [.. Enumerable.Range(0, ProfileRows)
                .Where(i => !string.IsNullOrWhiteSpace(form[$"profiles[{i}].role"]) || !string.IsNullOrWhiteSpace(form[$"profiles[{i}].organisation"]))
                .Select(i => new SaveUser.ProfileInput(form[$"profiles[{i}].role"], form[$"profiles[{i}].organisation"]))],
        };
        if (Record is not null)
            return await Save("User", () => save.Handle(Record.User.Id, input, version, HttpContext.Actor(), ct), r => r.DisplayName, ct);
        return await Act("record", async () =>
        {
            var saved = await save.Handle(null, input, null, HttpContext.Actor(), ct);
            TempData["Link"] = Absolute(await reset.Handle(saved.Record.Id, HttpContext.Actor(), ct));
            _created = saved.Record.Id;
            return $"{saved.Record.DisplayName} added. Send them the link below to choose their password: it works once, for a day.";
        }, ct);
    }

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) => Account(false, ct);

    public Task<IActionResult> OnPostReactivateAsync(CancellationToken ct) => Account(true, ct);

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct)
    {
        await Load(ct);
        return await Act("unlock", async () =>
        {
            await unlock.Handle(Record!.User.Id, HttpContext.Actor(), ct);
            return $"{Record.User.DisplayName} can sign in again.";
        }, ct);
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        await Load(ct);
        return await Act("reset", async () =>
        {
            TempData["Link"] = Absolute(await reset.Handle(Record!.User.Id, HttpContext.Actor(), ct));
            return $"{Record.User.DisplayName}'s password no longer works. Send them the link below to choose a new one: it works once, for a day.";
        }, ct);
    }

    private async Task<IActionResult> Account(bool active, CancellationToken ct)
    {
        await Load(ct);
        return await Act("account", async () =>
        {
            await activation.Handle(Record!.User.Id, active, HttpContext.Actor(), ct);
            return active ? $"{Record.User.DisplayName} may sign in again." : $"{Record.User.DisplayName} is deactivated: their sessions and API tokens have stopped.";
        }, ct);
    }

    private string? _created;

    protected override string Here => $"/admin/users/{_created ?? Which}";

    public override void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context) => Link ??= TempData["Link"] as string;

    private string Absolute(ResetPassword.Link link) => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{link.Path}";
}
