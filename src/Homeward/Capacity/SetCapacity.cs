using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Capacity;

/// <summary>
/// A provider reports a service's capacity for a run of days (beds, or carer hours), and whether it is
/// accepting admissions, as in the national Capacity Tracker. Providers change only their own services.
/// Reporting less than is already booked is allowed (beds do close) and marks those days over-committed.
/// </summary>
public sealed class SetCapacity(HomewardDb db, TimeProvider clock)
{
    public sealed record Request
    {
        public string? From { get; init; }
        public string? To { get; init; }
        /// <summary>Beds for a bed unit or care home; carer hours a day for a team.</summary>
        public decimal? Capacity { get; init; }
        public bool? AcceptingAdmissions { get; init; }
    }

    public const int MaxBeds = 2_000;
    public const int MaxCarerHours = 5_000;

    public async Task<IReadOnlyList<CapacityDay>> Handle(Guid serviceId, Request request, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.UpdateCapacity);
        var service = await db.CareServices.SingleOrDefaultAsync(s => s.Id == serviceId, ct);
        if (service is null || !actor.ActsFor(service.OrganisationId))
            throw new NotFoundException("service", serviceId); // providers do not learn of others' services

        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var problems = new Problems();
        var from = problems.Date("from", request.From, "the first day", required: true);
        var to = problems.Date("to", request.To, "the last day", required: true);
        if (from < today)
            problems.Add("from", "Capacity can be reported from today on, not for past days.");
        if (from is { } f && to is { } t && t < f)
            problems.Add("to", "The last day cannot be before the first.");
        else if (from is { } f2 && to is { } t2 && t2.DayNumber - f2.DayNumber > 90)
            problems.Add("to", "Report at most 91 days at a time.");
        var beds = service.Unit == CapacityUnit.Beds;
        var max = beds ? MaxBeds : MaxCarerHours;
        if (request.Capacity is null)
            problems.Add("capacity", beds ? "Enter the number of beds." : "Enter the carer hours a day.");
        else if (request.Capacity < 0)
            problems.Add("capacity", "Capacity cannot be negative.");
        else if (request.Capacity > max)
            problems.Add("capacity", beds ? $"{request.Capacity} beds is more than any unit has (at most {max})." : $"{request.Capacity} carer hours a day is more than any team has (at most {max}).");
        else if (beds && request.Capacity != Math.Floor(request.Capacity.Value))
            problems.Add("capacity", "Beds are whole numbers.");
        if (problems.Any || request.Capacity is not { } asked || from is not { } first || to is not { } last)
            throw problems.Failure();

        var value = beds ? (int)asked : (int)Math.Round(asked * 60);
        var dates = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToList();
        await CapacityLedger.EnsureDays(db, service, dates, ct);
        await db.CapacityDays.Where(d => d.ServiceId == service.Id && d.Date >= from && d.Date <= to)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Capacity, value), ct);
        if (request.AcceptingAdmissions is { } accepting)
            service.AcceptingAdmissions = accepting;
        db.AuditEntries.Add(AuditEntry.For(actor, "capacity.update", null, service.Id, now));
        await db.SaveChangesAsync(ct);
        return await db.CapacityDays.AsNoTracking().Where(d => d.ServiceId == service.Id && d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date).ToListAsync(ct);
    }
}
