using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Rotas.Roads;

/// <summary>
/// A team's day of driving times and distances between its places (carers' bases, people's homes), from the road
/// network: kept so that each move, look and urgent visit that day reads it instead of routing again. Made again when the
/// places change (someone new, a carer's base moved) or the road network is loaded again.
/// </summary>
public sealed class RoadMatrix
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ServiceId { get; init; }
    public DateOnly Date { get; init; }
    /// <summary>A digest of the places, in order: the matrix answers for exactly these.</summary>
    public required string Key { get; init; }
    public int Places { get; init; }
    /// <summary>Pairs the road network could not join (estimated as the crow flies instead).</summary>
    public int Estimated { get; init; }
    public DateTimeOffset MadeAt { get; init; }
    /// <summary>Minutes then kilometres, row-major, as little-endian doubles, gzipped.</summary>
    public required byte[] Data { get; init; }

    public static string KeyOf(IReadOnlyList<(double Latitude, double Longitude)> places)
    {
        var text = string.Join(';', places.Select(p => FormattableString.Invariant($"{p.Latitude:R},{p.Longitude:R}")));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static byte[] Pack(double[] minutes, double[] km)
    {
        using var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.Fastest))
        using (var writer = new BinaryWriter(zip))
            foreach (var value in minutes.Concat(km))
                writer.Write(value);
        return output.ToArray();
    }

    public (double[] Minutes, double[] Km) Unpack()
    {
        var n = Places * Places;
        var (minutes, km) = (new double[n], new double[n]);
        using var reader = new BinaryReader(new GZipStream(new MemoryStream(Data), CompressionMode.Decompress));
        for (var i = 0; i < n; i++)
            minutes[i] = reader.ReadDouble();
        for (var i = 0; i < n; i++)
            km[i] = reader.ReadDouble();
        return (minutes, km);
    }
}

internal sealed class RoadMatrixConfiguration : IEntityTypeConfiguration<RoadMatrix>
{
    public void Configure(EntityTypeBuilder<RoadMatrix> e)
    {
        e.Property(x => x.Key).HasMaxLength(64);
        e.HasIndex(x => new { x.ServiceId, x.Date }).IsUnique();
    }
}
