using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Planning;
using Homeward.Simulation.Model;
using Homeward.Web.Auth;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Planning;

/// <summary>
/// The planning page: run today's scenario (the next 10 days, or 26 weeks) with demand and capacity changed, and
/// compare saved runs side by side.
/// </summary>
[Needs(Right.Plan)]
public sealed class IndexModel(GetLiveScenario live, RunPlan runPlan, ListPlans list, GetPlan getPlan) : ActingPage
{
    public const int MaxCompared = 4;

    [FromQuery] public List<Guid> Compare { get; set; } = [];
    [FromQuery] public string? Mode { get; set; }

    public Scenario? Live { get; private set; }
    public IReadOnlyList<PlanSummary> Runs { get; private set; } = [];
    public IReadOnlyList<PlanDetail> Compared { get; private set; } = [];
    private Guid? _ran;
    private string? _ranMode;

    /// <summary>After a run: the page again, in the mode run, comparing the new run with those compared before.</summary>
    protected override string Here =>
        "/planning?" + string.Join("&", new[] { _ranMode is "plan" ? "mode=plan" : null }.OfType<string>()
            .Concat(new[] { _ran }.OfType<Guid>().Concat(Compare).Distinct().Take(MaxCompared).Select(id => $"compare={id}")));

    public string RunAction => "/planning?handler=Run" + string.Concat(Compare.Distinct().Take(MaxCompared - 1).Select(id => $"&compare={id}"));

    protected override async Task Load(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Live = await live.Handle(Mode is "plan" ? "plan" : "forecast", actor, ct);
        Runs = await list.Handle(actor, ct);
        var compared = new List<PlanDetail>();
        foreach (var id in Compare.Distinct().Take(MaxCompared))
        {
            try
            {
                compared.Add(await getPlan.Handle(id, actor, ct));
            }
            catch (NotFoundException)
            {
                Notice = "A run you asked to compare is no longer there.";
            }
        }
        Compared = compared;
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostRunAsync(string? name, string? mode, string? demandChange, string? replications,
        Dictionary<string, string?>? capacity, CancellationToken ct) =>
        Act("run", async () =>
        {
            var run = await runPlan.Handle(new RunPlan.Input(name, mode, demandChange, capacity, replications, null, null), HttpContext.Actor(), ct);
            (_ran, _ranMode) = (run.Id, mode);
            return $"“{run.Name}” ran {run.Replications:N0} times in {run.Seconds:0.0} seconds.";
        }, ct);

    /// <summary>The capacity a node has on the first day, as the form shows it.</summary>
    public static int CapacityNow(NodeSpec node, DateOnly start) =>
        node.Capacity.OrderBy(c => c.From).LastOrDefault(c => c.From <= start)?.Value ?? node.Capacity[0].Value;
}
