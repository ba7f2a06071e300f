using Homeward.Common;
using Homeward.Access;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Demo;

/// <summary>
/// Makes one referral and takes its episode as far as it would have got by now, through the real
/// state machine. Shares and lengths of stay follow the domain guide (§1 and §4).
/// </summary>
internal sealed class EpisodeGenerator(DemoRandom random, IReadOnlyDictionary<Role, Actor> actors, DateTimeOffset now)
{
    private Actor Hub => actors[Role.HubCoordinator];
    private Actor Ucr => actors[Role.RapidResponseClinician];
    private Actor Discharge => actors[Role.HospitalDischargeTeam];
    private Actor Reablement => actors[Role.ReablementWorker];
    /// <summary>Delay reasons draw from their own stream, so adding them left the rest of the county as it was.</summary>
    private readonly DemoRandom _reasons = new(20261206);

    /// <summary>Besides waiting for the service itself, what keeps people in hospital past their ready date, roughly as published.</summary>
    private static readonly (Delays.DelayReason, double)[] HospitalSideReasons =
        [(Delays.DelayReason.MedicinesToTakeHome, 10), (Delays.DelayReason.Transport, 6), (Delays.DelayReason.TherapyDecision, 10),
         (Delays.DelayReason.MedicalDecision, 10), (Delays.DelayReason.CommunityEquipment, 8), (Delays.DelayReason.NotInAgreement, 6),
         (Delays.DelayReason.HubConfirmation, 4), (Delays.DelayReason.Safeguarding, 2)];

    /// <summary>The care records made alongside the episodes (drained by the caller at each save).</summary>
    public CareGenerator Care { get; } = new(random, actors[Role.ReablementWorker], actors[Role.HubCoordinator], now);

    private static readonly (Pathway, double)[] DischargePathways = [(Pathway.P0, 50), (Pathway.P1, 45), (Pathway.P2, 4), (Pathway.P3, 1)];
    private static readonly (ReferralSource, double)[] UcrSources =
        [(ReferralSource.Self, 20), (ReferralSource.Family, 18), (ReferralSource.Gp, 16), (ReferralSource.Ambulance, 8),
         (ReferralSource.Nhs111, 12), (ReferralSource.CareHome, 12), (ReferralSource.CommunityNurse, 10), (ReferralSource.Other, 4)];
    private static readonly string[] UcrReasons =
        ["Fall without serious injury, cannot get up unaided", "Sudden loss of mobility", "Deconditioning after a chest infection",
         "New confusion, possible delirium", "Urgent equipment needed (commode, frame)", "Unpaid carer has fallen ill"];
    private static readonly string[] DischargeReasons =
        ["Medically optimised after a fall; needs help with personal care", "Post hip fracture, needs rehabilitation",
         "Reduced mobility after pneumonia", "Stroke: ongoing therapy needs", "Frailty; cannot manage stairs or meals at present"];

    public (Referral, Episode) Make(Person person, Route route, DateTimeOffset receivedAt, DateOnly day, double season)
    {
        var referrer = route == Route.HospitalDischarge ? Discharge : route == Route.UrgentCommunityResponse ? Ucr : Hub;
        var referral = route switch
        {
            Route.HospitalDischarge => HospitalReferral(person, receivedAt, day),
            Route.EmergencyDepartment => Referral(person, route, ReferralSource.EmergencyDepartment, "A&E social care team", receivedAt,
                "Attended A&E after a fall; assessed as safe to go home with support", Urgency.SameDay, hospital: DemoCounty.Hospital(random).Name),
            Route.UrgentCommunityResponse => Referral(person, route, random.Weighted(UcrSources), "Caller", receivedAt,
                random.Pick(UcrReasons), Urgency.TwoHour),
            _ => Referral(person, route, random.Chance(0.6) ? ReferralSource.Gp : ReferralSource.SocialWorker, "Community referrer", receivedAt,
                "Struggling at home; needs a period of reablement", Urgency.WithinDays),
        };
        referral.SubmittedBy = referrer.UserId;
        referral.SubmittedByOrganisationId = referrer.OrganisationId;
        var episode = Episode.Open(referral.Id, person.Id, receivedAt, referrer, receivedAt);
        Progress(person, episode, referral, season);
        return (referral, episode);
    }

    private Referral HospitalReferral(Person person, DateTimeOffset receivedAt, DateOnly day)
    {
        var readyDate = day.AddDays(random.Chance(0.7) ? 0 : random.Int(1, 3));
        var admitted = readyDate.AddDays(-(int)Math.Round(random.LogNormalMedianMean(6, 9)));
        var hospital = DemoCounty.Hospital(random);
        return Referral(person, Route.HospitalDischarge, ReferralSource.Ward, "Integrated discharge team", receivedAt,
            random.Pick(DischargeReasons), Urgency.Planned, hospital.Name, DemoCounty.Ward(random), admitted, readyDate);
    }

    private Referral Referral(Person person, Route route, ReferralSource source, string referrer, DateTimeOffset receivedAt,
        string reason, Urgency urgency, string? hospital = null, string? ward = null, DateOnly? admitted = null, DateOnly? readyDate = null) =>
        new()
        {
            PersonId = person.Id,
            Route = route,
            Source = source,
            ReferrerName = referrer,
            Urgency = urgency,
            Reason = reason,
            ReceivedAt = receivedAt,
            Hospital = hospital,
            Ward = ward,
            AdmittedOn = admitted,
            DischargeReadyDate = readyDate,
            ExistingClient = random.Chance(0.15),
            SubmittedBy = "",
        };

    /// <summary>Walks the episode through its steps, stopping at the first one that lies after now.</summary>
    private void Progress(Person person, Episode episode, Referral referral, double season)
    {
        var (service, pathway) = Choose(referral.Route);
        var actor = referral.Route == Route.UrgentCommunityResponse ? Ucr : Hub;
        var t = referral.ReceivedAt.AddMinutes(referral.Route == Route.UrgentCommunityResponse ? random.Int(5, 25) : random.Int(30, 300));
        if (!Step(t, () => episode.Triage(service, pathway, HomeFirst.NeedsReason(service, pathway) ? NonHomeReason(pathway) : null, t, actor, t)))
            return;

        if (pathway != Pathway.P0 && random.Chance(0.03))
        {
            t = t.AddMinutes(random.Int(10, 120));
            Step(t, () => episode.Decline("Needs are outside the service's criteria; signposted to the GP", t, actor, t));
            return;
        }
        t = t.AddMinutes(random.Int(5, 90));
        if (!Step(t, () => episode.Accept(t, actor, t)))
            return;
        var accepted = t;

        var start = StartTime(referral, pathway, t, season);
        if (start > t.AddHours(6))
        {
            var waitAt = t.AddMinutes(1);
            if (!Step(waitAt, () => episode.Wait(pathway == Pathway.P2 ? "Community bed" : pathway == Pathway.P3 ? "Care home place" : "Carer hours", waitAt, actor, waitAt)))
                return;
        }
        var discharged = referral.Route == Route.HospitalDischarge ? London.DateOf(start) : (DateOnly?)null;
        if (referral.DischargeReadyDate is { } ready)
            RecordDelay(episode, pathway, ready, discharged is { } d && start <= now ? d : London.DateOf(now), accepted);
        var starter = service == Service.UrgentCommunityResponse ? Ucr : Reablement;
        if (!Step(start, () => episode.Start(discharged, start, starter, start)))
            return;

        var end = start.AddDays(LengthOfStay(service, pathway)).AddMinutes(random.Int(0, 240));
        var (sequel, destination) = Outcome(service, referral.ExistingClient);
        var endsBeforeNow = end <= now;
        Care.Begin(person, episode, accepted, start, end, endsBeforeNow);
        if (service == Service.UrgentCommunityResponse)
            Care.UrgentOutcome(episode, destination, start, end);
        if (discharged is { } day)
            Care.FollowUp(person, episode, referral, day, endsBeforeNow ? destination : null);
        if (!endsBeforeNow)
            return;
        // The generated record must satisfy the same ending rules as staff do.
        var missing = Care.Finish(episode, sequel, end);
        episode.End(sequel, destination, referral.ExistingClient, null, end, starter, end, missing);
    }

    /// <summary>
    /// The delay ledger of someone still in hospital after their ready date: the main reason from that day (mostly the
    /// pathway's service, else something on the hospital's side), and now and then a change of reason part way.
    /// </summary>
    private void RecordDelay(Episode episode, Pathway? pathway, DateOnly ready, DateOnly leaves, DateTimeOffset accepted)
    {
        if (leaves <= ready)
            return;
        var recordedAt = Later(London.At(ready, new TimeOnly(11, 0)), accepted);
        if (recordedAt > now)
            return;
        var first = Delays.DelayReasons.ForPathway(pathway) is { } waitingForService && _reasons.Chance(0.65) ? waitingForService : _reasons.Weighted(HospitalSideReasons);
        Care.Made.Add(Delays.DelayEntry.Of(episode, first, null, ready, Hub, recordedAt));
        var days = leaves.DayNumber - ready.DayNumber;
        if (days < 3 || !_reasons.Chance(0.3))
            return;
        var changed = ready.AddDays(_reasons.Int(1, days));
        var second = Delays.DelayReasons.ForPathway(pathway) is { } s && s != first ? s : _reasons.Weighted(HospitalSideReasons);
        var changedAt = London.At(changed, new TimeOnly(10, 30));
        if (second != first && changedAt <= now)
            Care.Made.Add(Delays.DelayEntry.Of(episode, second, null, changed, Hub, changedAt));
    }

    private bool Step(DateTimeOffset at, Action apply)
    {
        if (at > now)
            return false;
        apply();
        return true;
    }

    private (Service, Pathway?) Choose(Route route) => route switch
    {
        Route.HospitalDischarge => random.Weighted(DischargePathways) switch
        {
            Pathway.P0 => (Service.NoNewSupport, Pathway.P0),
            Pathway.P1 => (random.Chance(0.7) ? Service.Reablement : Service.HomeBasedIntermediateCare, Pathway.P1),
            Pathway.P2 => (Service.BedBasedIntermediateCare, Pathway.P2),
            _ => (Service.CareHomePlacement, Pathway.P3),
        },
        Route.EmergencyDepartment => random.Uniform() switch
        {
            < 0.5 => (Service.UrgentCommunityResponse, Pathway.P1),
            < 0.7 => (Service.Reablement, Pathway.P1),
            _ => (Service.NoNewSupport, Pathway.P0),
        },
        Route.UrgentCommunityResponse => (Service.UrgentCommunityResponse, Pathway.P1),
        _ => random.Chance(0.9) ? (Service.Reablement, Pathway.P1) : (Service.BedBasedIntermediateCare, Pathway.P2),
    };

    private string NonHomeReason(Pathway? pathway) => pathway == Pathway.P3
        ? "Needs 24-hour care that cannot be met at home; best-interest meeting held"
        : random.Pick(["Needs daily therapy not yet safe at home", "Home needs adaptations before return", "Night-time needs cannot yet be met at home"]);

    /// <summary>
    /// When care starts. For hospital discharges this is the discharge day: the delay after the discharge
    /// ready date grows with pathway and winter pressure. UCR first contact is usually within two hours.
    /// </summary>
    private DateTimeOffset StartTime(Referral referral, Pathway? pathway, DateTimeOffset accepted, double season)
    {
        if (referral.Route == Route.UrgentCommunityResponse || referral.Urgency == Urgency.TwoHour)
            return Later(referral.ReceivedAt.AddMinutes(random.LogNormalMedianMean(75, 95)), accepted);
        if (referral.Route == Route.EmergencyDepartment)
            return Later(referral.ReceivedAt.AddHours(random.Int(2, 10)), accepted);
        if (referral.Route == Route.Community)
            return Later(accepted.AddDays(random.Exponential(4 * season)), accepted);

        var meanDelay = pathway switch { Pathway.P0 => 0.4, Pathway.P1 => 2.5, Pathway.P2 => 4.0, _ => 7.0 } * season * season;
        var delayDays = (int)Math.Floor(random.Exponential(meanDelay));
        var ready = referral.DischargeReadyDate!.Value.ToDateTime(new TimeOnly(10, 0));
        return Later(new DateTimeOffset(ready, TimeSpan.Zero).AddDays(delayDays).AddMinutes(random.Int(0, 420)), accepted);
    }

    private DateTimeOffset Later(DateTimeOffset candidate, DateTimeOffset after) =>
        candidate > after ? candidate : after.AddMinutes(random.Int(10, 60));

    private double LengthOfStay(Service service, Pathway? pathway) => service switch
    {
        Service.NoNewSupport => 0,
        Service.UrgentCommunityResponse => random.Uniform() * 2,
        Service.BedBasedIntermediateCare => random.LogNormalMedianMean(34, 43),
        Service.CareHomePlacement => random.LogNormalMedianMean(50, 59),
        _ => Math.Min(random.LogNormalMedianMean(9, 18), 60),
    };

    private (Sequel, Destination) Outcome(Service service, bool existingClient)
    {
        if (service == Service.NoNewSupport)
            return (random.Chance(0.7) ? Sequel.NoIdentifiedNeeds : Sequel.UniversalServicesOrSignposted, Destination.UsualResidence);
        if (service == Service.CareHomePlacement)
            return existingClient ? (Sequel.MoveToResidentialCare, Destination.CareHome) : (Sequel.LongTermSupport, Destination.CareHome);
        var x = random.Uniform();
        if (service == Service.UrgentCommunityResponse)
            return x switch
            {
                < 0.14 => (Sequel.EarlyCessationOtherReason, Destination.Hospital),
                < 0.50 => (Sequel.OtherShortTermSupport, Destination.UsualResidence),
                _ => (Sequel.NoIdentifiedNeeds, Destination.UsualResidence),
            };
        return x switch
        {
            < 0.03 => (Sequel.EarlyCessationNhsFundedEndOfLifeOrDeath, Destination.Died),
            < 0.10 => (Sequel.EarlyCessationOtherReason, Destination.Hospital),
            < 0.20 => existingClient ? (Sequel.LongTermSupportIncreased, Destination.UsualResidence) : (Sequel.LongTermSupport, Destination.UsualResidence),
            < 0.33 => existingClient ? (Sequel.LongTermSupportUnchanged, Destination.UsualResidence) : (Sequel.OngoingLowLevelSupport, Destination.UsualResidence),
            < 0.40 => (Sequel.UniversalServicesOrSignposted, Destination.UsualResidence),
            < 0.43 => (Sequel.EarlyCessationLeadingToLongTermSupport, Destination.CareHome),
            _ => existingClient ? (Sequel.LongTermSupportDecreased, Destination.UsualResidence) : (Sequel.NoIdentifiedNeeds, Destination.UsualResidence),
        };
    }
}
