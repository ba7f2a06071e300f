using Homeward.Access;
using Homeward.Planning.CapacityPlans;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Planning;

/// <summary>Ask for the cheapest capacity that meets a delay target, and the capacity plans kept.</summary>
[Needs(Right.Plan)]
public sealed class CapacityModel(PlanCapacityWork work, ReadCapacityPlans read) : ActingPage
{
    public IReadOnlyList<CapacityPlanView> Plans { get; private set; } = [];
    private Guid? _job;

    protected override string Here => _job is { } id ? $"/jobs/{id}?follow=true" : "/planning/capacity";

    protected override async Task Load(CancellationToken ct) => Plans = await read.List(HttpContext.Actor(), ct);

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostAsync(string? name, string? mode, string? demandChange, string? target, string? value, string? withinDays,
        string? confidence, CancellationToken ct) =>
        Act("plan", async () =>
        {
            var (job, _) = await work.Request(new PlanCapacity.Input(name, mode, demandChange, null, target, value, withinDays, confidence, null),
                HttpContext.Actor(), ct);
            _job = job.Id;
            return "The search is under way: it tries hundreds of plans, and this page opens the plan when it is done.";
        }, ct);
}
