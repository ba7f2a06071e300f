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
/// compare saved runs side by side: only runs over the same days, each with its difference from the first.
/// </summary>
[Needs(Right.Plan)]
public sealed class IndexModel(GetLiveScenario live, RunPlanWork runPlan, ListPlans list, GetPlan getPlan) : ActingPage
{
    public const int MaxCompared = 4;

    [FromQuery] public List<Guid> Compare { get; set; } = [];
    [FromQuery] public string? Mode { get; set; }

    public Scenario? Live { get; private set; }
    public IReadOnlyList<PlanSummary> Runs { get; private set; } = [];
    public IReadOnlyList<PlanDetail> Compared { get; private set; } = [];
    /// <summary>Runs ticked but not over the same days as the first: named, with the reason, not put beside it.</summary>
    public IReadOnlyList<ComparePlans.SetAside> SetAside { get; private set; } = [];
    private Guid? _job;

    /// <summary>After asking for a run: its job's page, which opens the run when it is done.</summary>
    protected override string Here => _job is { } id ? $"/jobs/{id}?follow=true" : "/planning";

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
        (Compared, SetAside) = ComparePlans.LikeWithLike(compared);
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostRunAsync(string? name, string? mode, string? demandChange, string? replications,
        Dictionary<string, string?>? capacity, CancellationToken ct) =>
        Act("run", async () =>
        {
            var (job, _) = await runPlan.Request(new RunPlan.Input(name, mode, demandChange, capacity, replications, null, null), HttpContext.Actor(), ct,
                [.. Compare.Distinct().Take(MaxCompared - 1)]);
            _job = job.Id;
            return "The run is under way: runs go one at a time, and this page opens the results when it is done.";
        }, ct);

    /// <summary>The capacity a node has on the first day, as the form shows it.</summary>
    public static int CapacityNow(NodeSpec node, DateOnly start) =>
        node.Capacity.OrderBy(c => c.From).LastOrDefault(c => c.From <= start)?.Value ?? node.Capacity[0].Value;
}
