using Homeward.Access;
using Homeward.Audit;
using Homeward.Care;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;

namespace Homeward.Deterioration;

/// <summary>
/// Records how someone in care is: soft signs (anyone who records care), and a set of NEWS2 observations (all seven
/// parameters, or none) with its score worked out here. A check that calls for a step up goes to Needs attention at once
/// ("Signs of deterioration: step up", urgent, mailed); the timeline and the audit trail note it. From a carer's round,
/// the soft signs come with the check-out (<see cref="Rounds.RecordAtTheDoor"/>), through <see cref="Make"/>.
/// </summary>
public sealed class RecordObservation(HomewardDb db, CareChange change)
{
    public sealed record Input
    {
        /// <summary>When it was seen; now by default.</summary>
        public string? At { get; init; }
        /// <summary>Soft signs seen (<see cref="SoftSign"/> names).</summary>
        public IReadOnlyList<string>? SoftSigns { get; init; }
        public int? RespirationRate { get; init; }
        public int? SpO2 { get; init; }
        public bool? Scale2 { get; init; }
        public bool? OnOxygen { get; init; }
        public int? SystolicBp { get; init; }
        public int? Pulse { get; init; }
        /// <summary>Alert, NewConfusion, Voice, Pain or Unresponsive.</summary>
        public string? Consciousness { get; init; }
        public decimal? Temperature { get; init; }
        public string? Notes { get; init; }
    }

    public async Task<CareRecordView> Handle(Guid episodeId, Input input, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await change.Load(episodeId, actor, [EpisodeStatus.Active], ct);
        var problems = new Problems();
        var at = CareChange.When(problems, input.At, episode, now, afterStart: true);
        var signs = Signs(input.SoftSigns, problems, "softSigns");
        var reading = Reading(input, problems);
        var notes = problems.Optional("notes", input.Notes, 2000, "the notes");
        if (signs.Count == 0 && !ReadingGiven(input))
            problems.Add("softSigns", "Record at least one soft sign, or a full set of observations.");
        problems.ThrowIfAny();
        var observation = Make(episode, null, at, now, actor, signs, reading, notes);
        db.Observations.Add(observation);
        return await change.Save(episode, EpisodeEventType.Observed, at, actor, now, "care.observation",
            new { softSigns = signs.Select(s => s.ToString()), news2 = observation.News2, response = observation.Response?.ToString(), stepUp = observation.StepUp }, ct);
    }

    /// <summary>The observation as it is kept, with its score and whether it calls for a step up. Pure.</summary>
    public static Observation Make(Episode episode, Guid? visitId, DateTimeOffset at, DateTimeOffset now, Actor actor, IReadOnlyList<SoftSign> signs,
        News2Reading? reading, string? notes)
    {
        var score = reading is null ? null : News2.Score(reading);
        return new Observation
        {
            EpisodeId = episode.Id, PersonId = episode.PersonId, VisitId = visitId, At = at, RecordedAt = now, RecordedBy = actor.UserName,
            SoftSigns = string.Join(',', signs.Distinct()), RespirationRate = reading?.RespirationRate, SpO2 = reading?.SpO2, Scale2 = reading?.Scale2,
            OnOxygen = reading?.OnOxygen, SystolicBp = reading?.SystolicBp, Pulse = reading?.Pulse, Consciousness = reading?.Consciousness,
            Temperature = reading?.Temperature, News2 = score?.Total, Response = score?.Response, Notes = notes,
            StepUp = signs.Count > 0 || score?.Response is News2Response.LowMedium or News2Response.Medium or News2Response.High,
        };
    }

    public static IReadOnlyList<SoftSign> Signs(IReadOnlyList<string>? given, Problems problems, string field)
    {
        var signs = new List<SoftSign>();
        foreach (var (value, i) in (given ?? []).Select((v, i) => (v, i)))
            if (problems.Enum<SoftSign>($"{field}[{i}]", value, $"soft sign ({string.Join(", ", Enum.GetNames<SoftSign>())})") is { } sign)
                signs.Add(sign);
        return signs;
    }

    /// <summary>All seven parameters in their possible ranges, or none; null when none were given.</summary>
    private static bool ReadingGiven(Input input) =>
        new object?[] { input.RespirationRate, input.SpO2, input.SystolicBp, input.Pulse, input.Consciousness, input.Temperature }.Any(g => g is not (null or ""));

    private static News2Reading? Reading(Input input, Problems all)
    {
        if (!ReadingGiven(input))
            return null;
        var problems = new Problems();
        void Range(string field, int? value, int low, int high, string label)
        {
            if (value is null)
                problems.Add(field, $"Enter the {label}: NEWS2 needs all seven observations.");
            else if (value < low || value > high)
                problems.Add(field, $"The {label} must be from {low} to {high}.");
        }
        Range("respirationRate", input.RespirationRate, 1, 80, "respiration rate (breaths a minute)");
        Range("spO2", input.SpO2, 50, 100, "oxygen saturation (%)");
        Range("systolicBp", input.SystolicBp, 40, 300, "systolic blood pressure (mmHg)");
        Range("pulse", input.Pulse, 20, 250, "pulse (beats a minute)");
        var consciousness = problems.Enum<Consciousness>("consciousness", input.Consciousness, "level of consciousness (Alert, NewConfusion, Voice, Pain or Unresponsive)");
        if (input.Temperature is null)
            problems.Add("temperature", "Enter the temperature: NEWS2 needs all seven observations.");
        else if (input.Temperature is < 30 or > 44)
            problems.Add("temperature", "The temperature must be from 30 to 44 °C.");
        all.AddAll(problems);
        return problems.Any || consciousness is null ? null : new News2Reading(input.RespirationRate!.Value, input.SpO2!.Value, input.Scale2 ?? false,
            input.OnOxygen ?? false, input.SystolicBp!.Value, input.Pulse!.Value, consciousness.Value, Math.Round(input.Temperature!.Value, 1));
    }
}
