using System.IO.Compression;
using System.Text.Json;
using Homeward.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Returns;

/// <summary>
/// A return made on the job engine (<see cref="MakeReturnWork"/>), kept so the person who asked, and their organisation,
/// can see it and download it without making it again: the table with its validation, compressed. Kept for
/// <see cref="KeptDays"/> days (Client Level Data names everyone in it), then removed when the next one is made.
/// </summary>
public sealed class MadeReturn
{
    public const int KeptDays = 7;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; init; }
    public required string Title { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public DateTimeOffset MadeAt { get; init; }
    public required string UserId { get; init; }
    /// <summary>The name of the person who asked for it, as shown to staff.</summary>
    public required string MadeBy { get; init; }
    public Guid OrganisationId { get; init; }
    public int Rows { get; init; }
    public int Errors { get; init; }
    public int Warnings { get; init; }
    /// <summary>The <see cref="ReturnTable"/> as gzipped JSON.</summary>
    public required byte[] Content { get; init; }

    public static MadeReturn Of(ReturnTable table, Access.Actor actor, string madeBy, DateTimeOffset at)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(zip, table, Json.Options);
        return new MadeReturn
        {
            Code = table.Code, Title = table.Title, From = table.Period.From, To = table.Period.To, MadeAt = at, UserId = actor.UserId,
            MadeBy = madeBy, OrganisationId = actor.OrganisationId, Rows = table.Rows.Count, Errors = table.Problems.Count(p => p.Blocking),
            Warnings = table.Problems.Count(p => !p.Blocking), Content = buffer.ToArray(),
        };
    }

    public ReturnTable Table()
    {
        using var zip = new GZipStream(new MemoryStream(Content), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<ReturnTable>(zip, Json.Options)
            ?? throw new InvalidOperationException($"Made return {Id} holds no table.");
    }
}

public sealed class MadeReturnConfiguration : IEntityTypeConfiguration<MadeReturn>
{
    public void Configure(EntityTypeBuilder<MadeReturn> e)
    {
        e.ToTable("MadeReturns");
        e.HasKey(m => m.Id);
        e.HasIndex(m => m.MadeAt);
        e.Property(m => m.Code).HasMaxLength(48);
        e.Property(m => m.Title).HasMaxLength(200);
        e.Property(m => m.UserId).HasMaxLength(450);
        e.Property(m => m.MadeBy).HasMaxLength(256);
    }
}
