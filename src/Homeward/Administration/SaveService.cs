using Homeward.Access;
using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>
/// Records a service or team people can be booked into (new, or changed): who runs it, its kind and pathway (fixed once
/// made: a different kind of service is a new service), the localities it covers, its usual daily capacity (beds, or
/// carer hours), what a day costs, whether it is commissioned or in house, and the dates it opens and closes.
/// </summary>
public sealed class SaveService(HomewardDb db, TimeProvider clock)
{
    public sealed record Input
    {
        public string? Name { get; init; }
        /// <summary>The ODS code of the organisation that runs it.</summary>
        public string? Organisation { get; init; }
        public string? Kind { get; init; }
        public string? Pathway { get; init; }
        /// <summary>Names of the localities it covers.</summary>
        public IReadOnlyList<string?>? Localities { get; init; }
        /// <summary>Beds (bed units, care homes) or carer hours a day (teams) on a day nobody has set otherwise.</summary>
        public int? DailyCapacity { get; init; }
        public decimal? CostPerDay { get; init; }
        /// <summary>The team's number for the people it cares for and their families.</summary>
        public string? Phone { get; init; }
        public bool? DoubleHanded { get; init; }
        public bool? Commissioned { get; init; }
        public bool? AcceptingAdmissions { get; init; }
        /// <summary>yyyy-MM-dd.</summary>
        public string? OpensOn { get; init; }
        public string? ClosesOn { get; init; }
        /// <summary>Skills its staff bring, from the list (medication, insulin, …).</summary>
        public IReadOnlyList<string?>? Skills { get; init; }
    }

    public sealed record View(Guid Id, string Name, Guid OrganisationId, ServiceKind Kind, Pathway Pathway, CapacityUnit Unit, IReadOnlyList<Guid> LocalityIds,
        int DailyCapacity, decimal? CostPerDay, bool DoubleHanded, bool Commissioned, bool AcceptingAdmissions, DateOnly? OpensOn, DateOnly? ClosesOn,
        IReadOnlyList<string> Skills, int Version, string? Phone = null)
    {
        public static View From(CareService s) => new(s.Id, s.Name, s.OrganisationId, s.Kind, s.Pathway, s.Unit, [.. s.Localities.Select(l => l.LocalityId).Order()],
            s.Unit == CapacityUnit.Beds ? s.DefaultDailyCapacity : s.DefaultDailyCapacity / 60, s.CostPerDay, s.DoubleHanded, s.Commissioned, s.AcceptingAdmissions,
            s.OpensOn, s.ClosesOn, s.Skills, s.Version, s.Phone);
    }

    public async Task<Saved<View>> Handle(Guid? id, Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var service = id is { } existing
            ? await db.CareServices.Include(s => s.Localities).SingleOrDefaultAsync(s => s.Id == existing, ct) ?? throw new NotFoundException("service", existing)
            : null;
        SetupRules.Version("service", service?.Version ?? 0, expectedVersion, service is null);

        var problems = new Problems();
        var name = problems.Required("name", input.Name, 200, "the service's name");
        if (name.Length > 0 && await db.CareServices.AnyAsync(s => s.Name == name && s.Id != (id ?? Guid.Empty), ct))
            problems.Add("name", $"There is already a service called {name}.");
        var runBy = await SetupRules.Member(db, problems, "organisation", input.Organisation, "the ODS code of the organisation that runs it", ct);
        var kind = problems.Enum<ServiceKind>("kind", input.Kind, "kind of service");
        var pathway = problems.Enum<Pathway>("pathway", input.Pathway, "pathway");
        if (service is not null && kind is { } k && k != service.Kind)
            problems.Add("kind", $"A service's kind cannot change (it is {service.Kind}): close this service and add another.");
        if (service is not null && pathway is { } p && p != service.Pathway)
            problems.Add("pathway", $"A service's pathway cannot change (it is {service.Pathway}): close this service and add another.");

        var known = await db.Localities.AsNoTracking().ToDictionaryAsync(l => l.Name, l => l.Id, StringComparer.OrdinalIgnoreCase, ct);
        var localities = new List<Guid>();
        foreach (var (locality, i) in (input.Localities ?? []).Select((l, i) => (l, i)))
            if (string.IsNullOrWhiteSpace(locality) || !known.TryGetValue(locality.Trim(), out var localityId))
                problems.Add($"localities[{i}]", $"\"{locality}\" is not a locality of the partnership ({(known.Count == 0 ? "none yet: add them first" : string.Join(", ", known.Keys.Order()))}).");
            else if (!localities.Contains(localityId))
                localities.Add(localityId);
        if (input.Localities is null || input.Localities.Count == 0)
            problems.Add("localities", "Choose the localities it covers.");

        var beds = kind is ServiceKind.CommunityBedUnit or ServiceKind.CareHome;
        if (input.DailyCapacity is null)
            problems.Add("dailyCapacity", beds ? "Enter how many beds it has." : "Enter how many carer hours a day it has.");
        else if (input.DailyCapacity is < 0 or > 100_000)
            problems.Add("dailyCapacity", "The daily capacity is a number from 0 to 100,000.");
        if (input.CostPerDay is < 0 or > 100_000)
            problems.Add("costPerDay", "The cost of a day is an amount in pounds from 0 to 100,000.");
        var phone = People.PersonInput.PhoneNumber(problems, "phone", input.Phone, "the team's phone number");
        var opens = problems.Date("opensOn", input.OpensOn, "the date it opens", required: false);
        var closes = problems.Date("closesOn", input.ClosesOn, "the date it closes", required: false);
        if (opens is { } o && closes is { } c && c < o)
            problems.Add("closesOn", "It cannot close before it opens.");
        if (service is not null && closes is { } last
            && await db.Bookings.AnyAsync(b => b.ServiceId == service.Id && b.EndDate > last
                && (b.Status == BookingStatus.Offered || b.Status == BookingStatus.Accepted), ct))
            problems.Add("closesOn", $"People are booked with it after {last:d MMMM yyyy}: move or end their bookings first.");
        var skills = new List<string>();
        foreach (var (skill, i) in (input.Skills ?? []).Select((k, i) => (k, i)))
            if (Rotas.CareSkills.Find(skill ?? "") is { } listed)
            {
                if (!skills.Contains(listed))
                    skills.Add(listed);
            }
            else
                problems.Add($"skills[{i}]", $"\"{skill}\" is not a skill on the list ({string.Join(", ", Rotas.CareSkills.All)}).");
        if (problems.Any || kind is not { } checkedKind || pathway is not { } checkedPathway || runBy is null
            || input.DailyCapacity is not { } daily)
            throw problems.Failure();

        var created = service is null;
        service ??= db.CareServices.Add(new CareService { Name = name, Kind = checkedKind, Pathway = checkedPathway, OrganisationId = runBy.Id }).Entity;
        var capacity = beds ? daily : daily * 60;
        var changes = new Changes();
        changes.Set("name", service.Name, name, v => service.Name = v);
        changes.Set("organisation", service.OrganisationId, runBy.Id, v => service.OrganisationId = v);
        changes.Set("dailyCapacity", service.DefaultDailyCapacity, capacity, v => service.DefaultDailyCapacity = v);
        changes.Set("costPerDay", service.CostPerDay, input.CostPerDay, v => service.CostPerDay = v);
        changes.Set("phone", service.Phone, phone, v => service.Phone = v);
        changes.Set("doubleHanded", service.DoubleHanded, input.DoubleHanded ?? false, v => service.DoubleHanded = v);
        changes.Set("commissioned", service.Commissioned, input.Commissioned ?? false, v => service.Commissioned = v);
        changes.Set("acceptingAdmissions", service.AcceptingAdmissions, input.AcceptingAdmissions ?? true, v => service.AcceptingAdmissions = v);
        changes.Set("opensOn", service.OpensOn, opens, v => service.OpensOn = v);
        changes.Set("closesOn", service.ClosesOn, closes, v => service.ClosesOn = v);
        skills.Sort(StringComparer.Ordinal);
        changes.SetList("skills", service.Skills, skills, v => service.Skills = v);
        var held = service.Localities.Select(l => l.LocalityId).Order().ToList();
        localities.Sort();
        if (!held.SequenceEqual(localities))
        {
            service.Localities.RemoveAll(l => !localities.Contains(l.LocalityId));
            service.Localities.AddRange(localities.Where(l => !held.Contains(l)).Select(l => new ServiceLocality { ServiceId = service.Id, LocalityId = l }));
            if (!created)
                changes.Note("localities");
        }
        return await changes.Save(db, created, "service", service.Id, actor, clock, () => service.Version++, () => View.From(service), ct);
    }
}
