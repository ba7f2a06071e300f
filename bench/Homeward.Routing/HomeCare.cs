using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

using Homeward.Scheduling;

namespace Homeward.Routing;

/// <summary>
/// The home care routing and scheduling format of the Italian benchmark set (Ceschia, Di Gaspero, Rosati, Schaerf):
/// patients with time windows and one or two required services (two at once, or one a set time after the other),
/// carers with abilities, a central office, and a distance matrix (depot first) where travel time equals distance.
/// </summary>
public sealed record HomeCareInstance
{
    public required string Name { get; init; }
    public required IReadOnlyList<Patient> Patients { get; init; }
    public required IReadOnlyList<Caregiver> Caregivers { get; init; }
    /// <summary>Index 0 is the central office; patient i (in file order) is index i + 1.</summary>
    public required double[][] Distances { get; init; }

    public sealed record Patient(string Id, double Earliest, double Latest, IReadOnlyList<Need> Needs, Synchronisation? Sync);

    public sealed record Need(string Service, double Duration);

    /// <summary>Simultaneous: both services start together (double-handed). Sequential: the second starts Min–Max after the first.</summary>
    public sealed record Synchronisation(bool Simultaneous, double Min, double Max);

    public sealed record Caregiver(string Id, IReadOnlySet<string> Abilities);

    public static HomeCareInstance Parse(string name, string json)
    {
        HomeCareFile file;
        try
        {
            file = JsonSerializer.Deserialize<HomeCareFile>(json, Options) ?? throw new FormatException($"{name}: empty file.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{name}: not valid JSON ({e.Message}).");
        }
        var problems = new List<string>();
        if (file.Patients is not { Count: > 0 })
            problems.Add("no patients");
        if (file.Caregivers is not { Count: > 0 })
            problems.Add("no caregivers");
        if (file.Distances is null)
            problems.Add("no distances");
        var patients = new List<Patient>();
        foreach (var (p, i) in (file.Patients ?? []).Select((p, i) => (p, i)))
        {
            var where = $"patients[{i}] ({p.Id ?? "no id"})";
            if (p.Id is null)
                problems.Add($"{where}: no id");
            if (p.TimeWindow is not { Length: 2 })
                problems.Add($"{where}: time_window must be [earliest, latest]");
            if (p.RequiredCaregivers is not { Count: 1 or 2 })
                problems.Add($"{where}: required_caregivers must list one or two services");
            else if (p.RequiredCaregivers.Count == 2 && p.Synchronization is null)
                problems.Add($"{where}: two services need a synchronization");
            else if (p.RequiredCaregivers.Count == 2 && p.RequiredCaregivers[0].Service == p.RequiredCaregivers[1].Service)
                problems.Add($"{where}: the two services must differ (a call is known by patient and service)");
            if (problems.Count > 0)
                continue;
            var sync = p.Synchronization is null ? null
                : p.Synchronization.Type == "simultaneous" ? new Synchronisation(true, 0, 0)
                : p.Synchronization.Distance is { Length: 2 } d ? new Synchronisation(false, d[0], d[1])
                : null;
            if (p.Synchronization is not null && sync is null)
            {
                problems.Add($"{where}: a sequential synchronization needs distance [min, max]");
                continue;
            }
            // Published windows carry floating-point noise (62.999999999999986): whole minutes, as the solutions treat them.
            patients.Add(new Patient(p.Id!, Math.Truncate(p.TimeWindow![0]), Math.Truncate(p.TimeWindow[1]),
                [.. p.RequiredCaregivers!.Select(r => new Need(r.Service ?? "", r.Duration))], sync));
        }
        if (file.Distances is { } m && m.Length != patients.Count + 1 && problems.Count == 0)
            problems.Add($"distances has {m.Length} rows for {patients.Count} patients and the office");
        if (problems.Count > 0)
            throw new FormatException($"{name}: {string.Join("; ", problems)}.");
        return new HomeCareInstance
        {
            Name = name, Patients = patients, Distances = file.Distances!,
            Caregivers = [.. file.Caregivers!.Select(c => new Caregiver(c.Id ?? "", (c.Abilities ?? []).ToHashSet()))],
        };
    }

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record HomeCareFile(List<PatientFile>? Patients, List<CaregiverFile>? Caregivers, double[][]? Distances);
    private sealed record PatientFile(string? Id, double[]? TimeWindow, List<NeedFile>? RequiredCaregivers, SyncFile? Synchronization);
    private sealed record NeedFile(string? Service, double Duration);
    private sealed record SyncFile(string? Type, double[]? Distance);
    private sealed record CaregiverFile(string? Id, List<string>? Abilities);
}

/// <summary>A home care rota in the benchmark's solution format.</summary>
public sealed record HomeCareSolution(IReadOnlyList<HomeCareSolution.CarerRoute> Routes)
{
    /// <param name="Locations">The carer's calls in order (read as empty when the file leaves them out).</param>
    public sealed record CarerRoute(string CaregiverId, IReadOnlyList<Call> Locations)
    {
        public IReadOnlyList<Call> Locations { get; init; } = Locations ?? [];
    }

    /// <param name="ArrivalTime">When the service starts, as the benchmark's solutions give it.</param>

    public sealed record Call(string Patient, string Service, double ArrivalTime, double DepartureTime);

    public static HomeCareSolution Parse(string json) =>
        JsonSerializer.Deserialize<HomeCareSolution>(json, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })
        ?? throw new FormatException("Empty solution.");

    /// <summary>
    /// The rota as the benchmark's own best solutions are written, so that anyone's validator reads it: a
    /// <c>global_ordering</c> of the patients (here, in the order their first service starts), then <c>routes</c>, each
    /// carer's <c>locations</c> (left out for a carer with none) with <c>arrival_time</c> the time the service starts and
    /// <c>departure_time</c> the time it ends (waiting for a window to open is before <c>arrival_time</c>).
    /// </summary>
    public string ToJson()
    {
        var ordering = Routes.SelectMany(r => r.Locations).GroupBy(l => l.Patient).OrderBy(g => g.Min(l => l.ArrivalTime)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("global_ordering");
            foreach (var patient in ordering)
                json.WriteStringValue(patient);
            json.WriteEndArray();
            json.WriteStartArray("routes");
            foreach (var route in Routes)
            {
                json.WriteStartObject();
                json.WriteString("caregiver_id", route.CaregiverId);
                if (route.Locations.Count > 0)
                {
                    json.WriteStartArray("locations");
                    foreach (var call in route.Locations)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("arrival_time", call.ArrivalTime);
                        json.WriteNumber("departure_time", call.DepartureTime);
                        json.WriteString("patient", call.Patient);
                        json.WriteString("service", call.Service);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>The home care objective's parts and the objective: (distance + total tardiness + maximum tardiness) / 3.</summary>
public sealed record HomeCareCost(double Distance, double TotalTardiness, double MaxTardiness)
{
    [JsonIgnore] public double Objective => (Distance + TotalTardiness + MaxTardiness) / 3;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"distance {Distance:0.##}, total tardiness {TotalTardiness:0.##}, max tardiness {MaxTardiness:0.##}, objective {Objective:0.###}");
}

/// <summary>
/// Checks a home care rota against every rule of the benchmark, independently of any solver: each required service
/// given once, by a carer able to give it; travel (time = distance) fits between calls from the office and back; a
/// service starts in or after its window opens (lateness is allowed and costed); double-handed services start
/// together; sequential ones the set time apart. Computes the cost from the rota.
/// </summary>
public static class HomeCareValidator
{
    private const double Tolerance = 1e-6;

    public static (IReadOnlyList<string> Problems, HomeCareCost Cost) Check(HomeCareInstance instance, HomeCareSolution solution)
    {
        var problems = new List<string>();
        var index = instance.Patients.Select((p, i) => (p, i)).ToDictionary(x => x.p.Id, x => x.i + 1);
        var patients = instance.Patients.ToDictionary(p => p.Id);
        var carers = instance.Caregivers.ToDictionary(c => c.Id);
        var starts = new Dictionary<(string Patient, string Service), double>();
        double distance = 0, total = 0, max = 0;
        foreach (var route in solution.Routes)
        {
            if (!carers.TryGetValue(route.CaregiverId, out var carer))
            {
                problems.Add($"Route for unknown caregiver '{route.CaregiverId}'.");
                continue;
            }
            var (place, free) = (0, 0.0);
            foreach (var call in route.Locations ?? [])
            {
                if (!patients.TryGetValue(call.Patient, out var patient))
                {
                    problems.Add($"{carer.Id}: unknown patient '{call.Patient}'.");
                    continue;
                }
                var need = patient.Needs.FirstOrDefault(n => n.Service == call.Service);
                if (need is null)
                {
                    problems.Add($"{carer.Id}: patient {patient.Id} does not need service {call.Service}.");
                    continue;
                }
                if (!carer.Abilities.Contains(call.Service))
                    problems.Add($"{carer.Id} is not able to give service {call.Service} (to {patient.Id}).");
                if (!starts.TryAdd((patient.Id, call.Service), call.DepartureTime - need.Duration))
                    problems.Add($"Service {call.Service} for {patient.Id} is given more than once.");
                var travel = instance.Distances[place][index[patient.Id]];
                distance += travel;
                var start = call.DepartureTime - need.Duration;
                if (call.ArrivalTime + Tolerance < free + travel)
                    problems.Add($"{carer.Id}: arrives at {patient.Id} at {call.ArrivalTime:0.##}, before it can ({free + travel:0.##}).");
                if (start + Tolerance < call.ArrivalTime)
                    problems.Add($"{carer.Id}: service at {patient.Id} starts ({start:0.##}) before the carer arrives ({call.ArrivalTime:0.##}).");
                if (start + Tolerance < patient.Earliest)
                    problems.Add($"{carer.Id}: service at {patient.Id} starts at {start:0.##}, before its window opens ({patient.Earliest:0.##}).");
                var late = Math.Max(0, start - patient.Latest);
                (total, max) = (total + late, Math.Max(max, late));
                (place, free) = (index[patient.Id], call.DepartureTime);
            }
            if (route.Locations is { Count: > 0 })
                distance += instance.Distances[place][0];
        }
        foreach (var patient in instance.Patients)
        {
            foreach (var need in patient.Needs.Where(n => !starts.ContainsKey((patient.Id, n.Service))))
                problems.Add($"Service {need.Service} for {patient.Id} is not given.");
            if (patient.Sync is not { } sync || patient.Needs.Count != 2
                || !starts.TryGetValue((patient.Id, patient.Needs[0].Service), out var first) || !starts.TryGetValue((patient.Id, patient.Needs[1].Service), out var second))
                continue;
            if (sync.Simultaneous && Math.Abs(first - second) > Tolerance)
                problems.Add($"{patient.Id}: the two carers must start together ({first:0.##} and {second:0.##}).");
            else if (!sync.Simultaneous && (second - first < sync.Min - Tolerance || second - first > sync.Max + Tolerance))
                problems.Add($"{patient.Id}: the second service must start {sync.Min:0.##}–{sync.Max:0.##} after the first; it is {second - first:0.##}.");
        }
        return (problems, new HomeCareCost(distance, total, max));
    }
}
