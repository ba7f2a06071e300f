using System.Net;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Planning.BcfPlan;
using Homeward.Simulation.Model;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Planning;

/// <summary>
/// The BCF capacity and demand plan: from a simulation whose answer is known (a unit of 10 places, 1.6 people a day
/// staying 5 days on average), demand and capacity in new people by month; over the API, every problem at once and the
/// plan from the live records as JSON and CSV.
/// </summary>
public sealed class CapacityDemandPlanTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Demand_and_capacity_by_month_are_the_arrivals_and_the_places_over_what_a_person_uses()
    {
        var scenario = new Scenario
        {
            Start = new DateOnly(2027, 3, 1), Days = 400, WarmUpDays = 60,
            Nodes = [new NodeSpec { Id = "unit", Capacity = [new CapacityStep(DateOnly.MinValue, 10)], Default = new Homeward.Simulation.Model.Pathway(new Exponential(5), [new Route(null, 1)]) }],
            Arrivals = [new ArrivalSpec { Node = "unit", PerDay = 1.6 }],
        };
        var result = Simulator.Run(scenario, new RunOptions { Replications = 200, Seed = 3 }, ct: Ct);

        var plan = CapacityDemandPlan.Of(result, [new CapacityDemandPlan.NodeSource(ServiceKind.CommunityBedUnit, 0.75)], 2027, []);

        Assert.Equal("2027-28", plan.Label);
        Assert.Equal(Enumerable.Range(0, 12).Select(m => new DateOnly(2027, 4, 1).AddMonths(m)), plan.Months);
        Assert.Equal([ReferralSource.HospitalDischarge, ReferralSource.Community], plan.Rows.Select(r => r.Source));
        var (hospital, community) = (plan.Rows[0], plan.Rows[1]);
        Assert.Equal("Rehabilitation or reablement in a bedded setting", hospital.ServiceType);
        for (var m = 0; m < 12; m++)
        {
            var days = plan.Months[m].AddMonths(1).DayNumber - plan.Months[m].DayNumber;
            Assert.InRange(hospital.Demand[m] + community.Demand[m], 1.6 * days * 0.97, 1.6 * days * 1.03);
            Assert.InRange(hospital.Demand[m] / (hospital.Demand[m] + community.Demand[m]), 0.749, 0.751);
            Assert.InRange(hospital.Capacity[m] + community.Capacity[m], 10.0 * days / 5 * 0.97, 10.0 * days / 5 * 1.03);
            Assert.Equal(hospital.Demand[m] - hospital.Capacity[m], hospital.Gap[m], 6);
        }
        var (columns, rows) = plan.Table();
        Assert.Equal(["Referral source", "Service type", "Measure", "Apr 2027", "May 2027"], columns.Take(5));
        Assert.Equal(["Mar 2028", "Year"], columns.TakeLast(2));
        Assert.Equal(6, rows.Count);
        Assert.Equal(["Hospital discharge", "Rehabilitation or reablement in a bedded setting", "Demand (new people)"], rows[0].Take(3));
    }

    [Fact]
    public async Task Over_the_api_every_problem_is_said_at_once_and_the_plan_comes_as_json_or_csv()
    {
        var manager = await app.ClientFor(Role.Manager);
        var bad = await (await manager.GetAsync("/api/planning/bcf-plan?year=1999&demandChange=lots&capacityPlan=nope&format=pdf", Ct)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["capacityPlan", "demandChange", "format", "year"], bad.ErrorFields().Order());
        await (await (await app.ClientFor(Role.ReablementWorker)).GetAsync("/api/planning/bcf-plan", Ct)).Expect(HttpStatusCode.Forbidden);

        await using (var db = app.Db())
            if (!await db.CareServices.AnyAsync(s => s.Name == "BCF test beds", Ct))
            {
                db.CareServices.Add(new CareService
                {
                    Name = "BCF test beds", Kind = ServiceKind.CommunityBedUnit, Pathway = Homeward.Triage.Pathway.P2, DefaultDailyCapacity = 6,
                    OrganisationId = await db.Organisations.Select(o => o.Id).FirstAsync(Ct),
                });
                await db.SaveChangesAsync(Ct);
            }
        var plan = await (await manager.GetAsync("/api/planning/bcf-plan?demandChange=20", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(12, plan.GetProperty("months").GetArrayLength());
        Assert.Equal(1.2, plan.GetProperty("growth").GetDouble(), 6);
        Assert.Contains(plan.GetProperty("rows").EnumerateArray(), r => r.Str("serviceType") == "Rehabilitation or reablement in a bedded setting");
        var csv = await manager.GetAsync("/api/planning/bcf-plan?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Referral source,Service type,Measure,Apr ", await csv.Content.ReadAsStringAsync(Ct));
        await using (var db = app.Db())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "planning.bcf-plan", Ct));
    }
}
