using System.Globalization;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas;

/// <summary>
/// A team's carers as the scheduler keeps them: who they are, their skills, where their day starts (a postcode, put on
/// the map by the postcode directory), their shift and break, the days they work, their sign-in, and whether they still
/// work for the team. The rota plans with exactly these. Every problem is said at once; a change made on a stale copy
/// is refused; every change is audited.
/// </summary>
public sealed class TeamCarers(HomewardDb db, TeamRotas rotas, PostcodeDirectory postcodes, TimeProvider clock)
{
    public static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public sealed record CarerInput
    {
        public string? Name { get; init; }
        /// <summary>Skills from <see cref="CareSkills.All"/>.</summary>
        public IReadOnlyList<string>? Skills { get; init; }
        /// <summary>Where the day starts and ends (home or base).</summary>
        public string? Postcode { get; init; }
        /// <summary>HH:mm.</summary>
        public string? ShiftStart { get; init; }
        public string? ShiftEnd { get; init; }
        public int? BreakMinutes { get; init; }
        /// <summary>HH:mm: the break is taken between these.</summary>
        public string? BreakFrom { get; init; }
        public string? BreakTo { get; init; }
        /// <summary>Day names, Monday to Sunday.</summary>
        public IReadOnlyList<string>? Days { get; init; }
        /// <summary>The email they sign in with, so they see their own day; empty for none.</summary>
        public string? UserName { get; init; }
        public bool? Active { get; init; }
    }

    public sealed record CarerView(Guid Id, Guid ServiceId, string Name, IReadOnlyList<string> Skills, string? Postcode, double Latitude, double Longitude,
        TimeOnly ShiftStart, TimeOnly ShiftEnd, int BreakMinutes, TimeOnly BreakFrom, TimeOnly BreakTo, IReadOnlyList<string> Days, string? UserName,
        bool Active, int Version)
    {
        public static CarerView From(CareWorker w) => new(w.Id, w.ServiceId, w.Name, [.. w.SkillSet.Order(StringComparer.Ordinal)], w.Postcode,
            w.Latitude, w.Longitude, w.ShiftStart, w.ShiftEnd, w.BreakMinutes, w.BreakFrom, w.BreakTo,
            [.. DayNames.Where((_, i) => (w.DaysWorked & (1 << i)) != 0)], w.UserName, w.Active, w.Version);
    }

    public sealed record TeamView(TeamRotas.Team Team, IReadOnlyList<CarerView> Carers);

    public async Task<TeamView> List(Guid serviceId, Actor actor, CancellationToken ct)
    {
        var team = await Team(serviceId, actor, ct);
        var carers = await db.CareWorkers.AsNoTracking().Where(w => w.ServiceId == serviceId).OrderByDescending(w => w.Active).ThenBy(w => w.Name).ToListAsync(ct);
        return new TeamView(team, [.. carers.Select(CarerView.From)]);
    }

    public async Task<CarerView> Get(Guid id, Actor actor, CancellationToken ct)
    {
        var worker = await db.CareWorkers.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("carer", id);
        await Team(worker.ServiceId, actor, ct, id);
        return CarerView.From(worker);
    }

    public async Task<CarerView> Add(Guid serviceId, CarerInput input, Actor actor, CancellationToken ct)
    {
        await Team(serviceId, actor, ct);
        var worker = new CareWorker { ServiceId = serviceId, Name = "" };
        await Apply(worker, input, ct);
        db.CareWorkers.Add(worker);
        db.AuditEntries.Add(AuditEntry.For(actor, "carer.create", null, worker.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return CarerView.From(worker);
    }

    public async Task<CarerView> Change(Guid id, CarerInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var worker = await db.CareWorkers.SingleOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("carer", id);
        await Team(worker.ServiceId, actor, ct, id);
        Versions.Demand("carer", worker.Version, expectedVersion);
        await Apply(worker, input, ct);
        worker.Version++;
        db.AuditEntries.Add(AuditEntry.For(actor, "carer.update", null, worker.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return CarerView.From(worker);
    }

    /// <summary>A team the actor may plan (the hub's any, a provider's own); anything else is not found.</summary>
    private async Task<TeamRotas.Team> Team(Guid serviceId, Actor actor, CancellationToken ct, Guid? carer = null)
    {
        actor.Demand(Right.PlanRota);
        return (await rotas.Teams(actor, ct)).FirstOrDefault(t => t.Id == serviceId)
            ?? throw (carer is { } c ? new NotFoundException("carer", c) : new NotFoundException("team", serviceId));
    }

    private async Task Apply(CareWorker worker, CarerInput input, CancellationToken ct)
    {
        var problems = new Problems();
        var name = problems.Required("name", input.Name, 200, "the carer's name");
        var skills = new List<string>();
        foreach (var skill in input.Skills ?? [])
            if (CareSkills.Find(skill) is { } known)
                skills.Add(known);
            else
                problems.Add("skills", $"\"{skill}\" is not a skill on the list ({string.Join(", ", CareSkills.All)}).");

        PostcodeDirectory.Position? position = null;
        Postcode postcode = default;
        if (!People.Postcode.TryParse(input.Postcode, out postcode, out var postcodeError))
            problems.Add("postcode", postcodeError!);
        else if ((position = await postcodes.Locate(postcode, ct)) is null)
            problems.Add("postcode", $"{postcode} is not in the postcode directory, so the rota cannot know where the day starts: check it, or load the directory.");

        var start = Time(problems, "shiftStart", input.ShiftStart, "the shift's start");
        var end = Time(problems, "shiftEnd", input.ShiftEnd, "the shift's end");
        if (start is { } s && end is { } e && e <= s)
            problems.Add("shiftEnd", "The shift must end after it starts (a shift past midnight is two shifts).");
        var breakMinutes = input.BreakMinutes ?? 0;
        TimeOnly? breakFrom = null, breakTo = null;
        if (breakMinutes is < 0 or > 240)
            problems.Add("breakMinutes", "A break lasts from 0 to 240 minutes.");
        else if (breakMinutes > 0)
        {
            breakFrom = Time(problems, "breakFrom", input.BreakFrom, "when the break may start");
            breakTo = Time(problems, "breakTo", input.BreakTo, "when the break must end by");
            if (breakFrom is { } f && breakTo is { } t)
            {
                if ((t - f).TotalMinutes < breakMinutes)
                    problems.Add("breakTo", $"The break's window must be at least its {breakMinutes} minutes long.");
                // (Only against a shift that makes sense: a shift ending before it starts is said once, above.)
                if (start is { } s1 && end is { } e1 && e1 > s1 && (f < s1 || t > e1))
                    problems.Add("breakFrom", "The break's window must fall within the shift.");
            }
        }
        var days = 0;
        foreach (var day in input.Days ?? [])
        {
            var index = Array.FindIndex(DayNames, d => string.Equals(d, day?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
                problems.Add("days", $"\"{day}\" is not a day of the week.");
            else
                days |= 1 << index;
        }
        if (days == 0 && (input.Active ?? true))
            problems.Add("days", "Choose the days they work.");
        var userName = problems.Optional("userName", input.UserName, 256, "the sign-in");
        if (userName is not null)
        {
            if (!await db.Users.AnyAsync(u => u.NormalizedUserName == userName.ToUpperInvariant(), ct))
                problems.Add("userName", "No account signs in with that name: give the carer's sign-in email, or leave it empty.");
            else if (await db.CareWorkers.AnyAsync(w => w.UserName == userName && w.Id != worker.Id && w.Active, ct))
                problems.Add("userName", "Another carer already has that sign-in.");
        }
        problems.ThrowIfAny();

        worker.Name = name;
        worker.Skills = string.Join(", ", skills.Distinct());
        worker.Postcode = postcode.Value;
        (worker.Latitude, worker.Longitude) = (position!.Latitude, position.Longitude);
        (worker.ShiftStart, worker.ShiftEnd) = (start!.Value, end!.Value);
        worker.BreakMinutes = breakMinutes;
        (worker.BreakFrom, worker.BreakTo) = breakMinutes > 0 ? (breakFrom!.Value, breakTo!.Value) : (default, default);
        worker.DaysWorked = days;
        worker.UserName = userName;
        worker.Active = input.Active ?? true;
    }

    private static TimeOnly? Time(Problems problems, string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(field, $"Enter {label}.");
            return null;
        }
        if (TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        problems.Add(field, $"Give {label} as a time of day, like 07:30.");
        return null;
    }
}
