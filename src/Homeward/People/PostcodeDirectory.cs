using System.Globalization;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People;

/// <summary>Where a postcode is on the map (its centre, WGS84), from a postcode directory such as the ONS's.</summary>
public sealed class PostcodeLocation
{
    /// <summary>The postcode in its normal form (<c>BA1 1AA</c>).</summary>
    public required string Postcode { get; init; }
    /// <summary>The outward code (<c>BA1</c>): where a postcode is not in the directory, its district's centre is used.</summary>
    public required string District { get; init; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}

/// <summary>
/// Puts people on the map from their postcode, so their visits can be planned into rounds: the postcode's own centre
/// when the directory has it, else the average of its district's postcodes (a new-build postcode, say), else nothing,
/// and the rota says why the visit was set aside. The directory is loaded from the ONS Postcode Directory (or the
/// National Statistics Postcode Lookup) CSV with <c>homeward postcodes import</c>; the demo county brings its own.
/// </summary>
public sealed class PostcodeDirectory(HomewardDb db)
{
    public sealed record Position(double Latitude, double Longitude, bool DistrictOnly);

    public static string DistrictOf(Postcode postcode) => postcode.Value[..postcode.Value.IndexOf(' ', StringComparison.Ordinal)];

    public async Task<Position?> Locate(Postcode postcode, CancellationToken ct)
    {
        var exact = await db.PostcodeLocations.AsNoTracking().Where(p => p.Postcode == postcode.Value)
            .Select(p => new { p.Latitude, p.Longitude }).SingleOrDefaultAsync(ct);
        if (exact is not null)
            return new Position(exact.Latitude, exact.Longitude, false);
        var district = DistrictOf(postcode);
        var centre = await db.PostcodeLocations.AsNoTracking().Where(p => p.District == district).GroupBy(p => p.District)
            .Select(g => new { Latitude = g.Average(p => p.Latitude), Longitude = g.Average(p => p.Longitude) }).SingleOrDefaultAsync(ct);
        return centre is null ? null : new Position(Math.Round(centre.Latitude, 5), Math.Round(centre.Longitude, 5), true);
    }

    /// <summary>
    /// Places the person from their postcode: on the map (null when the directory knows neither it nor its district) and
    /// in the locality whose postcode rule matches it (<see cref="Administration.LocalityRules"/>; null when none does).
    /// </summary>
    public async Task Place(Person person, CancellationToken ct, IReadOnlyCollection<Access.Locality>? localities = null)
    {
        var position = await Locate(person.Postcode, ct);
        (person.Latitude, person.Longitude) = (position?.Latitude, position?.Longitude);
        localities ??= await db.Localities.AsNoTracking().ToListAsync(ct);
        person.LocalityId = Administration.LocalityRules.LocalityFor(person.Postcode, localities, person.LocalityId);
    }

    public sealed record ImportResult(int Rows, int Imported, int Skipped, IReadOnlyList<string> Problems, int PeoplePlaced);

    /// <summary>
    /// Loads a directory CSV with a header row naming the postcode (<c>pcds</c>, <c>pcd</c> or <c>postcode</c>), the
    /// latitude (<c>lat</c> or <c>latitude</c>) and the longitude (<c>long</c> or <c>longitude</c>); other columns are
    /// ignored. Rows with a bad postcode or no position (the ONS writes 99.999999 for none) are skipped and counted, the
    /// first few said by line; a postcode already held is moved to the new position. Then everyone with no position or locality yet
    /// is placed.
    /// </summary>
    public async Task<ImportResult> Import(TextReader csv, CancellationToken ct, int batchSize = 5000)
    {
        await using var reader = CsvHelper.CsvReader.Create(csv, CsvHelper.CsvReaderOptions.Default with { TrackLineNumbers = true }, leaveOpen: true);
        await reader.ReadHeaderAsync(ct);
        var header = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (header.Count == 0)
            throw new FormatException("The file is empty: it needs a header row and a row per postcode.");
        int Column(params string[] names) => names.Select(n => header.IndexOf(n)).FirstOrDefault(i => i >= 0, -1);
        var (postcodeAt, latAt, lonAt) = (Column("pcds", "pcd", "postcode"), Column("lat", "latitude"), Column("long", "longitude"));
        var missing = new[] { ("a postcode (pcds)", postcodeAt), ("a latitude (lat)", latAt), ("a longitude (long)", lonAt) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
        if (missing.Count > 0)
            throw new FormatException($"The header row has no column for {string.Join(", ", missing)}.");

        var (rows, imported, skipped) = (0, 0, 0);
        var problems = new List<string>();
        var batch = new Dictionary<string, PostcodeLocation>(StringComparer.Ordinal);
        void Skip(string why)
        {
            skipped++;
            if (problems.Count < 20)
                problems.Add($"Line {reader.LineNumber}: {why}");
        }
        while (await reader.ReadAsync(ct))
        {
            rows++;
            if (!Postcode.TryParse(reader.GetString(postcodeAt), out var postcode, out _))
            {
                Skip($"\"{reader.GetString(postcodeAt)}\" is not a postcode.");
                continue;
            }
            if (!double.TryParse(reader.GetString(latAt), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < 49 or > 61
                || !double.TryParse(reader.GetString(lonAt), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -9 or > 3)
            {
                Skip($"{postcode} has no position in the United Kingdom.");
                continue;
            }
            batch[postcode.Value] = new PostcodeLocation { Postcode = postcode.Value, District = DistrictOf(postcode), Latitude = lat, Longitude = lon };
            if (batch.Count >= batchSize)
                imported += await Save(batch, ct);
        }
        imported += await Save(batch, ct);

        var unplaced = await db.People.Where(p => p.Latitude == null || p.LocalityId == null).ToListAsync(ct);
        await PlaceAll(unplaced, ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new ImportResult(rows, imported, skipped, problems, unplaced.Count(p => p.Latitude is not null));
    }

    /// <summary>
    /// <see cref="Place"/> for many people at once: their postcodes looked up a thousand at a time, and the districts of
    /// those not found in one query, rather than one or two queries a person.
    /// </summary>
    public async Task PlaceAll(IReadOnlyList<Person> people, CancellationToken ct)
    {
        var localities = await db.Localities.AsNoTracking().ToListAsync(ct);
        var exact = new Dictionary<string, (double Latitude, double Longitude)>(StringComparer.Ordinal);
        foreach (var chunk in people.Select(p => p.Postcode.Value).Distinct(StringComparer.Ordinal).Chunk(1000))
            foreach (var row in await db.PostcodeLocations.AsNoTracking().Where(p => chunk.Contains(p.Postcode))
                         .Select(p => new { p.Postcode, p.Latitude, p.Longitude }).ToListAsync(ct))
                exact[row.Postcode] = (row.Latitude, row.Longitude);
        var districts = people.Where(p => !exact.ContainsKey(p.Postcode.Value)).Select(p => DistrictOf(p.Postcode)).Distinct(StringComparer.Ordinal).ToList();
        var centres = new Dictionary<string, (double Latitude, double Longitude)>(StringComparer.Ordinal);
        foreach (var chunk in districts.Chunk(1000))
            foreach (var row in await db.PostcodeLocations.AsNoTracking().Where(p => chunk.Contains(p.District)).GroupBy(p => p.District)
                         .Select(g => new { District = g.Key, Latitude = g.Average(p => p.Latitude), Longitude = g.Average(p => p.Longitude) }).ToListAsync(ct))
                centres[row.District] = (Math.Round(row.Latitude, 5), Math.Round(row.Longitude, 5));
        foreach (var person in people)
        {
            (double Latitude, double Longitude)? at = exact.TryGetValue(person.Postcode.Value, out var e) ? e
                : centres.TryGetValue(DistrictOf(person.Postcode), out var c) ? c : null;
            (person.Latitude, person.Longitude) = (at?.Latitude, at?.Longitude);
            person.LocalityId = Administration.LocalityRules.LocalityFor(person.Postcode, localities, person.LocalityId);
        }
    }

    private async Task<int> Save(Dictionary<string, PostcodeLocation> batch, CancellationToken ct)
    {
        var keys = batch.Keys.ToList();
        var held = await db.PostcodeLocations.Where(p => keys.Contains(p.Postcode)).ToDictionaryAsync(p => p.Postcode, ct);
        foreach (var row in batch.Values)
            if (held.TryGetValue(row.Postcode, out var old))
                (old.Latitude, old.Longitude) = (row.Latitude, row.Longitude);
            else
                db.PostcodeLocations.Add(row);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
