using System.Globalization;
using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>
/// Applies a declarative description of a partnership (YAML: the partnership, organisations, hospitals, localities,
/// services, users; see <c>docs/going-live.md</c>) through the same use cases as the administration pages. Records are
/// matched by their natural keys (ODS code, site code, name, sign-in), so a rerun changes only what differs and says what
/// it did. Every problem is reported with its line, and then nothing is applied: the file is applied whole or not at all.
/// New users are given a link to choose their password. Nothing is deleted: what the file no longer names is left as it is.
/// </summary>
public sealed partial class ApplySetupFile(HomewardDb db, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, SavePartnership partnership, SaveOrganisation organisations, SaveHospitalSite sites,
    SaveLocality localities, SaveService services, SaveUser users, SetUserActive activation, ResetPassword passwords)
{
    public sealed record Done(string What, string Key, string Said);

    public sealed record Result(IReadOnlyList<Done> Lines, IReadOnlyList<string> Problems, IReadOnlyList<ResetPassword.Link> Invitations, bool Applied);

    private static readonly string[] Sections = ["partnership", "organisations", "hospitals", "localities", "services", "users"];

    private readonly List<string> _problems = [];
    private readonly List<Done> _done = [];
    private readonly List<SetupFileNode> _nodes = [];

    /// <param name="check">Check the file against the database and say what would change, without changing anything.</param>
    public async Task<Result> Handle(TextReader yaml, Actor actor, bool check, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var root = SetupFileNode.Load(yaml, Sections, _problems, _nodes);
        if (root is null)
            return new Result([], _problems, [], false);
        foreach (var key in root.Keys.Where(k => !Sections.Contains(k)))
            _problems.Add($"Line {root.Line(key)}: '{key}' is not a section of a partnership file (use {string.Join(", ", Sections)}).");

        // The key ring that signs password links is made (in its own connection) before the transaction takes SQLite's write lock.
        Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(protection.CreateProtector("Homeward.Setup"), "ready");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invitations = new List<ResetPassword.Link>();
        foreach (var o in root.Items("organisations"))
            await Apply("organisation", o, "odsCode", async () =>
            {
                var ods = o.Text("odsCode")?.Trim().ToUpperInvariant();
                var held = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(x => x.OdsCode == ods, ct);
                return (await organisations.Handle(held?.Id, new SaveOrganisation.Input { OdsCode = ods, Name = o.Text("name"), Kind = o.Text("kind"), Active = o.Bool("active") },
                    held?.Version, actor, ct)).Said;
            });
        // After the organisations: the partnership names its council among them.
        if (root.Mapping("partnership") is { } p)
            await Apply("partnership", p, "name", async () => (await partnership.Handle(new SavePartnership.Input(p.Text("name"), p.Text("council"), p.Text("phone")),
                (await db.Partnerships.AsNoTracking().SingleOrDefaultAsync(ct))?.Version, actor, ct)).Said);
        foreach (var h in root.Items("hospitals"))
            await Apply("hospital site", h, "siteCode", async () =>
            {
                var code = h.Text("siteCode")?.Trim().ToUpperInvariant();
                var held = await db.HospitalSites.AsNoTracking().SingleOrDefaultAsync(x => x.SiteCode == code, ct);
                return (await sites.Handle(held?.Id, new SaveHospitalSite.Input
                {
                    Organisation = h.Text("organisation"), SiteCode = code, Name = h.Text("name"), Wards = h.List("wards"), Active = h.Bool("active"),
                }, held?.Version, actor, ct)).Said;
            });
        foreach (var l in root.Items("localities"))
            await Apply("locality", l, "name", async () =>
            {
                var name = l.Text("name")?.Trim();
                var held = await db.Localities.AsNoTracking().SingleOrDefaultAsync(x => x.Name == name, ct);
                var saved = await localities.Handle(held?.Id, new SaveLocality.Input { Name = name, Population = l.Int("population"), Postcodes = l.List("postcodes") },
                    held?.Version, actor, ct);
                return saved.Record.PeopleMoved is > 0 ? $"{saved.Said} ({saved.Record.PeopleMoved} people placed again)" : saved.Said;
            });
        foreach (var s in root.Items("services"))
            await Apply("service", s, "name", async () =>
            {
                var name = s.Text("name")?.Trim();
                var held = await db.CareServices.AsNoTracking().SingleOrDefaultAsync(x => x.Name == name, ct);
                return (await services.Handle(held?.Id, new SaveService.Input
                {
                    Name = name, Organisation = s.Text("organisation"), Kind = s.Text("kind"), Pathway = s.Text("pathway"), Localities = s.List("localities"),
                    DailyCapacity = s.Int("dailyCapacity"), CostPerDay = s.Decimal("costPerDay"), Phone = s.Text("phone"), DoubleHanded = s.Bool("doubleHanded"),
                    Commissioned = s.Bool("commissioned"), AcceptingAdmissions = s.Bool("acceptingAdmissions"), OpensOn = s.Text("opensOn"), ClosesOn = s.Text("closesOn"),
                    Skills = s.List("skills"),
                }, held?.Version, actor, ct)).Said;
            });
        foreach (var u in root.Items("users"))
            await Apply("user", u, "userName", async () =>
            {
                var userName = u.Text("userName")?.Trim().ToLowerInvariant();
                var wantActive = u.Bool("active");
                var held = await db.Users.AsNoTracking().SingleOrDefaultAsync(x => x.NormalizedUserName == (userName ?? "").ToUpperInvariant(), ct);
                var saved = await users.Handle(held?.Id, new SaveUser.Input
                {
                    UserName = userName, DisplayName = u.Text("displayName"), Role = u.Text("role"), Organisation = u.Text("organisation"),
                    Profiles = [.. u.Items("profiles").Select(x => new SaveUser.ProfileInput(x.Text("role"), x.Text("organisation")))],
                }, held?.Version, actor, ct);
                var said = saved.Said;
                if (wantActive is { } active && active != saved.Record.Active)
                {
                    await activation.Handle(saved.Record.Id, active, actor, ct);
                    said = saved.Unchanged ? (active ? "reactivated" : "deactivated") : $"{said}; {(active ? "reactivated" : "deactivated")}";
                }
                if (saved.Created && !check)
                    invitations.Add(await passwords.Handle(saved.Record.Id, actor, ct));
                return said;
            });

        // A field nobody reads is a typing slip ("dailyCapcity") or a field Homeward does not have: said, never ignored.
        foreach (var node in _nodes.Where(n => n != root))
            foreach (var key in node.Unread())
                _problems.Add($"Line {node.Line(key)}: '{key}' is not a field Homeward knows here (see docs/going-live.md for each section's fields).");
        var applied = _problems.Count == 0 && !check;
        if (applied)
            await transaction.CommitAsync(ct);
        else
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new Result(_done, [.. _problems.OrderBy(LineOf)], applied ? invitations : [], applied);
    }
}
