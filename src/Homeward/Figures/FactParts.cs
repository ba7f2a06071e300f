namespace Homeward.Figures;

/// <summary>What a figure or return reads besides the episode, its referral, person, assessment and follow-up.</summary>
[Flags]
public enum FactParts
{
    Core = 0,
    /// <summary>The booking that took the person: service name, who arranges it, cost a day.</summary>
    Bookings = 1,
    Reviews = 2,
    /// <summary>Barthel Index and hours of care at the start and the end.</summary>
    Measures = 4,
    Goals = 8,
    Delays = 16,
    Carers = 32,
    Experiences = 64,
    /// <summary>The rapid response record's presenting problem (the UCR return).</summary>
    Urgent = 128,
    All = Bookings | Reviews | Measures | Goals | Delays | Carers | Experiences | Urgent,
    /// <summary>What Client Level Data reads (a test checks it builds the same file from these as from all).</summary>
    ClientLevelData = Bookings | Reviews,
}
