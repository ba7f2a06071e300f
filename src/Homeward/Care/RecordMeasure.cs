using System.Text.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Care;

/// <summary>
/// An outcome measure (the Barthel Index, hours of care, a partnership's own) at the start, a review or the end:
/// every item in its range, named when it is not. Checked in full (every problem at once), noted on the timeline
/// and audited in one transaction; answers with the whole care record.
/// </summary>
public sealed class RecordMeasure(HomewardDb db, CareChange change, MeasureCatalogue catalogue)
{
    public sealed record Input(string? Measure, string? Stage, Dictionary<string, decimal?>? Values, string? At);

    public async Task<CareRecordView> Handle(Guid episodeId, Input input, Actor actor, CancellationToken ct)
    {
        var stage = CareChange.Stages(input.Stage);
        var (episode, now) = await change.Load(episodeId, actor, stage == Stage.Start ? CareChange.Open : [EpisodeStatus.Active], ct);
        var problems = new Problems();
        var at = CareChange.When(problems, input.At, episode, now, afterStart: stage != Stage.Start);
        var definition = string.IsNullOrWhiteSpace(input.Measure) ? null : await catalogue.Find(input.Measure.Trim(), ct);
        if (definition is null)
        {
            problems.Add("measure", string.IsNullOrWhiteSpace(input.Measure)
                ? "Choose the measure."
                : $"'{input.Measure}' is not a measure here: use one of {string.Join(", ", (await catalogue.All(ct)).Select(m => m.Code))}.");
            throw problems.Failure();
        }
        var values = input.Values ?? [];
        foreach (var item in definition.Items)
        {
            if (!values.TryGetValue(item.Code, out var value) || value is null)
                problems.Add($"values.{item.Code}", $"Enter {item.Label}: {item.Range}.");
            else if (!item.Allows(value.Value))
                problems.Add($"values.{item.Code}", $"{item.Label} must be {item.Range} (it is {value:0.##}).");
        }
        foreach (var unknown in values.Keys.Where(k => definition.Items.All(i => i.Code != k)))
            problems.Add($"values.{unknown}", $"'{unknown}' is not an item of the {definition.Name}.");
        if (stage != Stage.Start)
        {
            var startAt = await db.MeasureResults.Where(m => m.EpisodeId == episodeId && m.MeasureCode == definition.Code && m.Stage == Stage.Start)
                .Select(m => (DateTimeOffset?)m.At).MaxAsync(ct);
            if (startAt is null && definition.Code != Measures.Experience)
                problems.Add("stage", $"Record the {definition.Name} at the start before a review or the end.");
            else if (at < startAt)
                problems.Add("at", "A review or end measure cannot be before the start measure.");
        }
        problems.ThrowIfAny();

        var clean = definition.Items.ToDictionary(i => i.Code, i => values[i.Code]!.Value);
        var result = new MeasureResult
        {
            EpisodeId = episodeId, MeasureCode = definition.Code, Stage = stage, Values = JsonSerializer.Serialize(clean),
            Total = definition.Total(clean), At = at, By = actor.UserName,
        };
        db.MeasureResults.Add(result);
        return await change.Save(episode, EpisodeEventType.MeasureRecorded, at, actor, now, "care.measure",
            new { measure = definition.Code, stage = stage.ToString(), total = result.Total }, ct);
    }
}
