using System.Globalization;
using Homeward.Capacity;
using Homeward.Simulation.Model;

namespace Homeward.Planning.BcfPlan;

/// <summary>Where the people a row counts came from: the two halves of the BCF capacity and demand plan.</summary>
public enum ReferralSource { HospitalDischarge, Community }

/// <summary>One service type's demand, capacity and gap, month by month, for people from one source.</summary>
/// <param name="Demand">New people needing the service each month.</param>
/// <param name="Capacity">New people the service can take each month: its capacity over the month divided by what one person uses.</param>
public sealed record CapacityDemandRow(ReferralSource Source, string ServiceType, IReadOnlyList<double> Demand, IReadOnlyList<double> Capacity)
{
    public IReadOnlyList<double> Gap => [.. Demand.Zip(Capacity, (d, c) => d - c)];
}

/// <summary>
/// The Better Care Fund capacity and demand plan for intermediate care (decision 044): for a plan year (April to
/// March), by month, the expected demand and capacity in new people for each service type, split into people coming
/// out of hospital and people referred in the community, and the gap. Worked out from a simulation of the live
/// scenario (<see cref="Of"/>, pure): demand is the simulated arrivals; capacity turns each service's places or visit
/// slots into new people by what a person used in the simulation (place-days or visit-days per person started).
/// </summary>
public sealed record CapacityDemandPlan(int Year, DateOnly From, DateOnly To, double Growth, IReadOnlyList<DateOnly> Months,
    IReadOnlyList<CapacityDemandRow> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>The plan year's label: 2027-28.</summary>
    public string Label => $"{Year}-{(Year + 1) % 100:00}";

    /// <summary>The BCF's intermediate care service types, in the plan's order.</summary>
    public static string ServiceType(ServiceKind kind) => kind switch
    {
        ServiceKind.RapidResponseTeam => "Urgent community response",
        ServiceKind.ReablementTeam => "Reablement at home",
        ServiceKind.HomeBasedTherapy => "Rehabilitation at home",
        ServiceKind.HomeCareProvider => "Short-term domiciliary care",
        ServiceKind.CommunityBedUnit => "Rehabilitation or reablement in a bedded setting",
        _ => "Short-term residential or nursing care for someone likely to need a longer-term placement",
    };

    /// <summary>A node of the simulation: its service's kind and the share of its people who come out of hospital.</summary>
    public sealed record NodeSource(ServiceKind Kind, double FromHospital);

    public static CapacityDemandPlan Of(SimulationResult result, IReadOnlyList<NodeSource> nodes, int year, IReadOnlyList<string> notes)
    {
        var scenario = result.Scenario;
        var first = new DateOnly(year, 4, 1);
        var months = Enumerable.Range(0, 12).Select(first.AddMonths).ToList();
        var cells = new Dictionary<(ReferralSource, string), (double[] Demand, double[] Capacity)>();
        for (var n = 0; n < nodes.Count; n++)
        {
            double Total(Metric metric) => Enumerable.Range(0, scenario.Days).Sum(d => result.DailyOf(n, d, metric).Mean);
            var spec = scenario.Nodes[n];
            var visits = spec.Kind == NodeKind.Visits;
            var started = Total(Metric.Admissions);
            // What one person uses: place-days (or visit-days) per person started, from the run; the stay when nobody started.
            var perPerson = started >= 1 ? Total(visits ? Metric.Visits : Metric.Occupancy) / started
                : spec.Default.Stay.Mean * (visits && spec.Visits is { } v ? (v.Initial + v.Final) / 2.0 : 1);
            var demand = new double[12];
            var capacity = new double[12];
            for (var m = 0; m < 12; m++)
            {
                var (from, to) = (months[m], months[m].AddMonths(1));
                for (var date = from; date < to; date = date.AddDays(1))
                {
                    var d = date.DayNumber - scenario.Start.DayNumber;
                    if (d < 0 || d >= scenario.Days)
                        continue;
                    demand[m] += result.DailyOf(n, d, Metric.Arrivals).Mean;
                    capacity[m] += result.DailyOf(n, d, Metric.Capacity).Mean;
                }
                capacity[m] /= Math.Max(perPerson, 1e-9);
            }
            var type = ServiceType(nodes[n].Kind);
            foreach (var (source, share) in new[] { (ReferralSource.HospitalDischarge, nodes[n].FromHospital), (ReferralSource.Community, 1 - nodes[n].FromHospital) })
            {
                if (share <= 0)
                    continue;
                if (!cells.TryGetValue((source, type), out var cell))
                    cells[(source, type)] = cell = (new double[12], new double[12]);
                for (var m = 0; m < 12; m++)
                {
                    cell.Demand[m] += demand[m] * share;
                    cell.Capacity[m] += capacity[m] * share;
                }
            }
        }
        var order = Enum.GetValues<ServiceKind>().Select(ServiceType).ToList();
        var rows = cells.OrderBy(c => c.Key.Item1).ThenBy(c => order.IndexOf(c.Key.Item2))
            .Select(c => new CapacityDemandRow(c.Key.Item1, c.Key.Item2, [.. c.Value.Demand.Select(Round)], [.. c.Value.Capacity.Select(Round)])).ToList();
        return new CapacityDemandPlan(year, first, first.AddYears(1).AddDays(-1), scenario.Growth, months, rows, notes);
    }

    private static double Round(double v) => Math.Round(v, 1);

    /// <summary>The plan as a file to download (CSV or XLSX): a row per source, service type and measure, a column per month and the year.</summary>
    public Returns.ReturnTable ToTable()
    {
        var (columns, rows) = Table();
        return new Returns.ReturnTable("bcf-capacity-demand", $"BCF capacity and demand plan {Label}", new Figures.Period(From, To), columns, rows, Notes,
            [.. columns.Skip(3)]);
    }

    public (IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) Table()
    {
        var inv = CultureInfo.InvariantCulture;
        IReadOnlyList<string> columns = ["Referral source", "Service type", "Measure", .. Months.Select(m => m.ToString("MMM yyyy", inv)), "Year"];
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in Rows)
            foreach (var (measure, values) in new[] { ("Demand (new people)", row.Demand), ("Capacity (new people)", row.Capacity), ("Gap (demand less capacity)", row.Gap) })
                rows.Add([row.Source == ReferralSource.HospitalDischarge ? "Hospital discharge" : "Community", row.ServiceType, measure,
                    .. values.Select(v => Math.Round(v).ToString("0", inv)), Math.Round(values.Sum()).ToString("0", inv)]);
        return (columns, rows);
    }
}
