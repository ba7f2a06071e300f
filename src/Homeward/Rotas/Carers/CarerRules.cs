using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Rotas.Carers;

/// <summary>
/// What every carer use case shares: the team the actor may plan (the hub's any, a provider's own; anything else is
/// not found), and a carer's details checked (every problem at once) and applied: skills from the list, where the day
/// starts (a postcode the directory knows), the shift and a break window inside it, the days worked, a sign-in that
/// exists and no other working carer has.
/// </summary>
public sealed class CarerRules(HomewardDb db, TeamRotas rotas, PostcodeDirectory postcodes)
{
    /// <summary>The days of the week, as carers' days are given.</summary>
    public static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>A team the actor may plan; anything else is not found (as the carer, when asked for one).</summary>
    public async Task<TeamRotas.Team> Team(Guid serviceId, Actor actor, CancellationToken ct, Guid? carer = null)
    {
        actor.Demand(Right.PlanRota);
        return (await rotas.Teams(actor, ct)).FirstOrDefault(t => t.Id == serviceId)
            ?? throw (carer is { } c ? new NotFoundException("carer", c) : new NotFoundException("team", serviceId));
    }

    /// <summary>Checks the details (every problem at once) and, when all is well, sets them on the carer.</summary>
    public async Task Apply(CareWorker worker, CarerInput input, CancellationToken ct)
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

        var start = problems.Time("shiftStart", input.ShiftStart, "the shift's start");
        var end = problems.Time("shiftEnd", input.ShiftEnd, "the shift's end");
        if (start is { } s && end is { } e && e <= s)
            problems.Add("shiftEnd", "The shift must end after it starts (a shift past midnight is two shifts).");
        var breakMinutes = input.BreakMinutes ?? 0;
        TimeOnly? breakFrom = null, breakTo = null;
        if (breakMinutes is < 0 or > 240)
            problems.Add("breakMinutes", "A break lasts from 0 to 240 minutes.");
        else if (breakMinutes > 0)
        {
            breakFrom = problems.Time("breakFrom", input.BreakFrom, "when the break may start");
            breakTo = problems.Time("breakTo", input.BreakTo, "when the break must end by");
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
        if (problems.Any || position is null || start is not { } shiftStart || end is not { } shiftEnd)
            throw problems.Failure();

        worker.Name = name;
        worker.Skills = string.Join(", ", skills.Distinct());
        worker.Postcode = postcode.Value;
        (worker.Latitude, worker.Longitude) = (position.Latitude, position.Longitude);
        (worker.ShiftStart, worker.ShiftEnd) = (shiftStart, shiftEnd);
        worker.BreakMinutes = breakMinutes;
        (worker.BreakFrom, worker.BreakTo) = breakMinutes > 0 && breakFrom is { } from && breakTo is { } to ? (from, to) : (default, default);
        worker.DaysWorked = days;
        worker.UserName = userName;
        worker.Active = input.Active ?? true;
    }
}
