using Homeward.Triage;

namespace Homeward.Capacity;

public enum ServiceKind { RapidResponseTeam, ReablementTeam, HomeBasedTherapy, CommunityBedUnit, HomeCareProvider, CareHome }

/// <summary>What a service's daily capacity counts.</summary>
public enum CapacityUnit
{
    /// <summary>Beds occupied on the day (bed units, care homes).</summary>
    Beds,
    /// <summary>Carer minutes of visits on the day (teams; shown as hours).</summary>
    CarerMinutes,
}

/// <summary>
/// A service that people can be booked into: a team with carer hours or a unit with beds, run by one
/// organisation, covering some localities, on one pathway.
/// </summary>
public sealed class CareService
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public ServiceKind Kind { get; init; }
    public Pathway Pathway { get; init; }
    public CapacityUnit Unit => Kind is ServiceKind.CommunityBedUnit or ServiceKind.CareHome ? CapacityUnit.Beds : CapacityUnit.CarerMinutes;
    /// <summary>Capacity on a day nobody has set otherwise (beds, or carer minutes).</summary>
    public int DefaultDailyCapacity { get; set; }
    public bool DoubleHanded { get; set; }
    /// <summary>Whether the service accepts new admissions or bookings now (as in the national Capacity Tracker).</summary>
    public bool AcceptingAdmissions { get; set; } = true;
    public List<ServiceLocality> Localities { get; init; } = [];
    /// <summary>What a day of care costs (a bed-day, or a day of someone's care at home), for planning; null: the pathway's usual cost.</summary>
    public decimal? CostPerDay { get; set; }
    /// <summary>The team's number for the people it cares for and their families ("Your care" shows it).</summary>
    public string? Phone { get; set; }
    /// <summary>Bought from an independent provider (commissioned), rather than run by a partner (in house).</summary>
    public bool Commissioned { get; set; }
    /// <summary>The first day it takes people; null: open since before Homeward.</summary>
    public DateOnly? OpensOn { get; set; }
    /// <summary>The last day it gives care; null: no end set. No booking may run past it.</summary>
    public DateOnly? ClosesOn { get; set; }
    /// <summary>
    /// The skills its staff bring (from <see cref="Rotas.CareSkills.All"/>): someone whose care plan needs a skill the
    /// service lists none of is not matched to it. Empty: not said, and nobody is turned away for it.
    /// </summary>
    public List<string> Skills { get; set; } = [];
    public int Version { get; set; } = 1;

    /// <summary>Whether the service gives care on the day (between its opening and closing dates).</summary>
    public bool IsOpenOn(DateOnly date) => (OpensOn is not { } opens || date >= opens) && (ClosesOn is not { } closes || date <= closes);
}

public sealed class ServiceLocality
{
    public Guid ServiceId { get; init; }
    public Guid LocalityId { get; init; }
}

/// <summary>
/// One service's capacity on one day and how much of it is booked. Bookings raise <see cref="Booked"/>
/// with one conditional UPDATE per day in the database, so two bookings can never both take the last bed.
/// A provider may report less capacity than is booked (an outbreak closes beds): the day is then
/// over-committed, shown as such, and takes no new bookings.
/// </summary>
public sealed class CapacityDay
{
    public Guid ServiceId { get; init; }
    public DateOnly Date { get; init; }
    public int Capacity { get; set; }
    public int Booked { get; set; }
    public int Free => Math.Max(0, Capacity - Booked);
    public bool OverCommitted => Booked > Capacity;
}
