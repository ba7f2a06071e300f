using System.Globalization;
using Homeward.Episodes;
using Homeward.Figures;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Returns.Ascof;
using Homeward.Triage;

namespace Homeward.Tests.Returns;

/// <summary>The refreshed ASCOF 2A and 2D on hand-built records, each answer worked out by hand in the comments.</summary>
public sealed class AscofTests
{
    private static readonly Period Year = new(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31));

    private static DateTimeOffset At(string day) => DateTimeOffset.Parse(day + "T10:00:00Z", CultureInfo.InvariantCulture);

    private static EpisodeFacts Run(string started, string ended, Sequel sequel, Destination destination = Destination.UsualResidence,
        Guid? person = null, bool existing = false, int ageAtEnd = 80, Service service = Service.Reablement, bool council = true) => new()
    {
        EpisodeId = Guid.NewGuid(), PersonId = person ?? Guid.NewGuid(), Route = Route.Community, Service = service, Status = EpisodeStatus.Ended,
        ReferredAt = At(started).AddDays(-2), AcceptedAt = At(started).AddDays(-1), StartedAt = At(started), EndedAt = At(ended),
        Sequel = sequel, Destination = destination, ExistingClient = existing, ArrangedByCouncil = council,
        DateOfBirth = DateOnly.Parse(ended, CultureInfo.InvariantCulture).AddYears(-ageAtEnd).AddDays(-30),
    };

    private static IReadOnlyList<string> Row(Homeward.Returns.ReturnTable t, string measure, string group) =>
        t.Rows.First(r => r[0] == measure && r[1] == group);

    [Fact]
    public void Ascof_2A_counts_new_clients_runs_ending_in_the_year_by_their_final_outcome()
    {
        var twice = Guid.NewGuid();
        List<EpisodeFacts> facts =
        [
            Run("2025-05-01", "2025-05-20", Sequel.NoIdentifiedNeeds),                        // success
            Run("2025-06-01", "2025-06-20", Sequel.OngoingLowLevelSupport, ageAtEnd: 50),     // success, 18 to 64
            Run("2025-07-01", "2025-07-20", Sequel.LongTermSupport),                          // denominator only (long-term community)
            Run("2025-07-01", "2025-07-20", Sequel.LongTermSupport, Destination.CareHome),    // denominator only (residential)
            Run("2025-08-01", "2025-08-20", Sequel.EarlyCessationOtherReason),                // success: support ended for another reason
            Run("2025-08-01", "2025-08-10", Sequel.EarlyCessationOtherReason, Destination.Hospital),          // left out: admitted to hospital
            Run("2025-08-01", "2025-08-10", Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath, Destination.Died), // left out: died
            Run("2025-09-01", "2025-09-20", Sequel.SupportDeclined),                          // left out
            Run("2025-09-01", "2025-09-20", Sequel.SelfFunded),                               // left out
            Run("2025-09-01", "2025-09-20", Sequel.NoIdentifiedNeeds, existing: true),        // existing client: left out
            Run("2025-09-01", "2025-09-20", Sequel.NoIdentifiedNeeds, council: false),        // NHS-run: not the council's
            Run("2025-09-01", "2025-09-20", Sequel.NoIdentifiedNeeds, service: Service.UrgentCommunityResponse), // not ST-Max
            Run("2026-03-25", "2026-04-02", Sequel.NoIdentifiedNeeds),                        // ends next year
            // One person, two episodes 5 days apart: one run, ending 10 December with the second's outcome (long-term support).
            Run("2025-11-01", "2025-11-20", Sequel.NoIdentifiedNeeds, person: twice),
            Run("2025-11-25", "2025-12-10", Sequel.LongTermSupport, person: twice),
        ];
        var t = AscofMeasures.Ascof2A(facts, Year);
        // Numerator: no identified needs, ongoing low level, ended for another reason = 3.
        // Denominator: those 3 + long-term community + residential + the two-episode run = 6. 3 / 6 = 50.0%.
        Assert.Equal(["3", "6", "50.0"], Row(t, "2A", "Total").Skip(2));
        Assert.Equal(["1", "1", "100.0"], Row(t, "2A", "18 to 64").Skip(2));
        Assert.Equal(["2", "5", "40.0"], Row(t, "2A", "65 and above").Skip(2));
        Assert.Equal("2", Row(t, "2A detail", "Long term support: Community")[2]);
        Assert.Equal("left out", Row(t, "2A detail", "Admitted to hospital")[4]);
    }

    private static EpisodeFacts Discharge(string on, int ageOnDischarge = 80, Service service = Service.Reablement, Destination? destination = null,
        string? ended = null, Guid? person = null, UsualResidence residence = UsualResidence.OwnHome) => new()
    {
        EpisodeId = Guid.NewGuid(), PersonId = person ?? Guid.NewGuid(), Route = Route.HospitalDischarge, Service = service,
        Status = ended is null ? EpisodeStatus.Active : EpisodeStatus.Ended, ReferredAt = At(on).AddDays(-3), AcceptedAt = At(on).AddDays(-2),
        StartedAt = At(on), DischargedOn = DateOnly.Parse(on, CultureInfo.InvariantCulture), EndedAt = ended is null ? null : At(ended),
        Destination = destination, ArrangedByCouncil = true, UsualResidence = residence,
        DateOfBirth = DateOnly.Parse(on, CultureInfo.InvariantCulture).AddYears(-ageOnDischarge),
    };

    [Fact]
    public void Ascof_2D_counts_people_65_and_over_who_stayed_in_the_community_for_12_weeks()
    {
        var readmitted = Guid.NewGuid();
        List<EpisodeFacts> facts =
        [
            Discharge("2025-06-01", ended: "2025-06-30", destination: Destination.UsualResidence),    // remained
            Discharge("2025-06-01", ageOnDischarge: 65),                                              // 65 on the discharge day: in; remained
            Discharge("2025-06-01", ended: "2025-08-20", destination: Destination.Died),              // died on day 80: not remained
            Discharge("2025-06-01", ended: "2025-09-01", destination: Destination.Died),              // died on day 92: remained within 12 weeks
            Discharge("2025-06-01", ended: "2025-06-20", destination: Destination.CareHome),          // into a care home: not remained
            Discharge("2025-06-01", person: readmitted),                                              // readmitted 1 July: not remained
            Discharge("2025-07-10", person: readmitted, service: Service.BedBasedIntermediateCare) with { AdmittedOn = new DateOnly(2025, 7, 1) },
            Discharge("2025-06-01", ageOnDischarge: 64),                                              // 64: out of both
            Discharge("2025-06-01", service: Service.NoNewSupport),                                   // home without reablement: part 2 denominator
            Discharge("2025-06-01", residence: UsualResidence.CareHome),                              // lives in a care home: out of both
            Discharge("2026-03-20"),                                                                  // 12 weeks not yet passed on 1 May 2026
        ];
        var t = AscofMeasures.Ascof2D(facts, Year, new DateOnly(2026, 5, 1));
        // Into reablement: 7 (the bed-based readmission is not reablement). Not due: 1. Due: 6, remained: 3.
        // While one is not yet due, part 1 has no rate.
        Assert.Equal(["3", "6", ""], Row(t, "2D part 1", "Remained in the community 12 weeks after discharge into reablement").Skip(2));
        // Part 2: 7 into reablement of 9 discharges of people 65+ not living in care homes = 77.8%.
        Assert.Equal(["7", "9", "77.8"], t.Rows.Single(r => r[0] == "2D part 2").Skip(2));
        Assert.Equal("1", t.Rows.Single(r => r[1].StartsWith("12 weeks not yet passed", StringComparison.Ordinal))[2]);
        Assert.Equal("1", t.Rows.Single(r => r[1] == "Readmitted to hospital")[2]);
        Assert.Equal("1", t.Rows.Single(r => r[1] == "Died")[2]);

        // By 13 June every discharge has passed its 12 weeks: the late one (still active) remained too, 4 of 7 = 57.1%.
        var later = AscofMeasures.Ascof2D(facts, Year, new DateOnly(2026, 6, 13));
        Assert.Equal(["4", "7", "57.1"], Row(later, "2D part 1", "Remained in the community 12 weeks after discharge into reablement").Skip(2));
    }
}
