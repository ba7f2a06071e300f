using System.Globalization;

using Homeward.Scheduling;

namespace Homeward.Routing;

/// <summary>Reads a Solomon VRPTW instance (text: vehicles and capacity, then one row per node; node 0 is the depot).</summary>
public static class Solomon
{
    public static Problem Parse(string name, string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).ToList();
        var header = lines.FindIndex(l => l.StartsWith("NUMBER", StringComparison.OrdinalIgnoreCase));
        if (header < 0 || header + 1 >= lines.Count)
            throw new FormatException($"{name}: no VEHICLE NUMBER / CAPACITY header.");
        var fleet = Numbers(lines[header + 1], name, header + 2);
        if (fleet.Length < 2)
            throw new FormatException($"{name}, line {header + 2}: expected the vehicle number and the capacity.");
        var rows = lines.Skip(lines.FindIndex(l => l.StartsWith("CUST", StringComparison.OrdinalIgnoreCase)) + 1)
            .Select((l, i) => (Line: l, Number: i)).Where(x => x.Line.Length > 0 && char.IsDigit(x.Line[0]))
            .Select(x => Numbers(x.Line, name, x.Number)).ToList();
        if (rows.Count < 2)
            throw new FormatException($"{name}: no customers.");
        foreach (var row in rows.Where(r => r.Length < 7))
            throw new FormatException($"{name}: customer {row.FirstOrDefault()} has {row.Length} of the 7 fields (number, x, y, demand, ready, due, service).");

        var places = rows.Select(r => new Place(r[1], r[2])).ToList();
        var depot = rows[0];
        var visits = rows.Skip(1).Select((r, i) => new Visit(((int)r[0]).ToString(CultureInfo.InvariantCulture), i + 1, r[6], r[4], r[5], (int)r[3])).ToList();
        var carers = Enumerable.Range(1, (int)fleet[0])
            .Select(v => new Carer($"vehicle {v}", 0, 0, depot[4], depot[5], (int)fleet[1])).ToList();
        return new Problem { Name = name, Places = places, Visits = visits, Carers = carers, Travel = new EuclideanTravel(places) };
    }

    private static double[] Numbers(string line, string name, int number)
    {
        try
        {
            return [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture))];
        }
        catch (FormatException)
        {
            throw new FormatException($"{name}, line {number}: '{line}' is not a row of numbers.");
        }
    }
}
