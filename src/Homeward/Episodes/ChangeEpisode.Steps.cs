using Homeward.Access;
using Homeward.Common;
using Homeward.Referrals;
using Homeward.Triage;

namespace Homeward.Episodes;

/// <summary>The steps an episode can take, each with what it carries, and how each is read and applied.</summary>
public sealed partial class ChangeEpisode
{
    /// <summary>Fields every step may carry: when it happened (ISO 8601 with offset; now if absent).</summary>
    public abstract record Step
    {
        public string? At { get; init; }
    }

    public sealed record TriageStep(string? Service, string? Pathway, string? NonHomeReason) : Step;
    public sealed record AcceptStep : Step;
    public sealed record DeclineStep(string? Reason) : Step;
    public sealed record WaitStep(string? WaitingFor) : Step;
    public sealed record StartStep(string? DischargedOn) : Step;
    public sealed record EndStep(string? Sequel, string? Destination, string? Notes) : Step;
    public sealed record CancelStep(string? Reason) : Step;
    /// <summary>Urgent community response: stayed at home, conveyed to hospital or other, and why.</summary>
    public sealed record OutcomeStep(string? Outcome, string? Reason) : Step;

    /// <summary>Reads the step's fields (every problem at once) and applies it to the episode, which refuses what its state does not allow.</summary>
    private static void Apply(Episode episode, Referral referral, Step step, Problems problems, Problems? missing,
        DateTimeOffset at, Actor actor, DateTimeOffset now, bool onlyOffered)
    {
        switch (step)
        {
            case TriageStep t:
                var service = problems.Enum<Service>("service", t.Service, "service");
                var pathway = problems.Enum<Pathway>("pathway", t.Pathway, "pathway", required: referral.Route == Route.HospitalDischarge);
                var reason = problems.Optional("nonHomeReason", t.NonHomeReason, 2000, "the reason");
                if (problems.Any || service is not { } triagedTo)
                    throw problems.Failure();
                episode.Triage(triagedTo, pathway, reason, at, actor, now);
                break;
            case AcceptStep:
                problems.ThrowIfAny();
                episode.Accept(at, actor, now);
                break;
            case DeclineStep d:
                problems.ThrowIfAny();
                episode.Decline(d.Reason, at, actor, now);
                break;
            case WaitStep w:
                var waitingFor = problems.Optional("waitingFor", w.WaitingFor, 200, "what the person is waiting for");
                problems.ThrowIfAny();
                episode.Wait(waitingFor, at, actor, now);
                break;
            case StartStep s:
                var dischargedOn = problems.Date("dischargedOn", s.DischargedOn, "the discharge date", required: false);
                if (referral.Route == Route.HospitalDischarge)
                    dischargedOn ??= London.DateOf(at);
                else if (dischargedOn is not null)
                    problems.Add("dischargedOn", "A discharge date is recorded only for hospital discharge referrals.");
                if (dischargedOn is { } leaves && leaves > London.DateOf(at))
                    problems.Add("dischargedOn", "The discharge date cannot be after the day care starts: start care once the person has left hospital.");
                if (dischargedOn is { } dd && referral.AdmittedOn is { } admitted && dd < admitted)
                    problems.Add("dischargedOn", "The discharge date cannot be before the admission date.");
                if (onlyOffered)
                    problems.Add("booking", "The booking is still offered, not accepted: the provider (or the hub for an in-house service) accepts it before care starts.");
                // An urgent response starts at first contact, as the clinician enters it: the 2-hour clock stops then, not at the click.
                if (episode.Service == Service.UrgentCommunityResponse && string.IsNullOrWhiteSpace(s.At))
                    problems.Add("at", "Enter the time you arrived with the person (first contact): the 2-hour clock stops then, not when it is recorded.");
                problems.ThrowIfAny();
                episode.Start(dischargedOn, at, actor, now);
                break;
            case EndStep e:
                var sequel = problems.Enum<Sequel>("sequel", e.Sequel, "sequel");
                var destination = problems.Enum<Destination>("destination", e.Destination, "destination");
                var notes = problems.Optional("notes", e.Notes, 4000, "the notes");
                if (missing is not null)
                    problems.AddAll(missing);
                if (sequel is null || destination is null)
                    problems.ThrowIfAny();
                episode.End(sequel!.Value, destination!.Value, referral.ExistingClient, notes, at, actor, now, problems);
                break;
            case CancelStep c:
                problems.ThrowIfAny();
                episode.Cancel(c.Reason, at, actor, now);
                break;
            case OutcomeStep o:
                var outcome = problems.Enum<UrgentOutcome>("outcome", o.Outcome, "outcome");
                var why = problems.Optional("reason", o.Reason, 2000, "the reason");
                problems.ThrowIfAny();
                episode.RecordUrgentOutcome(outcome!.Value, why, at, actor, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, "Unknown step.");
        }
    }
}
