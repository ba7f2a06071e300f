using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Data;

/// <summary>
/// How many requests one caller (a user, an address) has made in one minute, kept in the database so that every web
/// instance counts against the same allowance (no sticky sessions needed). Nothing here needs to survive a crash: on
/// PostgreSQL the table is unlogged.
/// </summary>
public sealed class RateCount
{
    public const int KeyLength = 300;

    /// <summary>What is counted and for whom: <c>api user:NAME</c>, <c>sign-in address:IP</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The minute counted, as minutes since 1970 (UTC).</summary>
    public long Minute { get; init; }

    public int Count { get; set; }
}

public sealed class RateCountConfiguration : IEntityTypeConfiguration<RateCount>
{
    public void Configure(EntityTypeBuilder<RateCount> e)
    {
        e.ToTable("RateCounts");
        e.HasKey(r => new { r.Key, r.Minute });
        e.HasIndex(r => r.Minute);
        e.Property(r => r.Key).HasMaxLength(RateCount.KeyLength);
    }
}

/// <summary>
/// Counts a request against a caller's allowance, atomically whichever instance counts it: one
/// <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c> (the same statement on SQLite and PostgreSQL), so two instances
/// counting at the same moment both see the right total. The allowance is a sliding minute, estimated from this minute's
/// count and the last minute's weighted by how much of it is still inside the last sixty seconds (no double burst at
/// the turn of a minute). Minutes gone by are cleared as each new one starts.
/// </summary>
public sealed class RateCounter(HomewardDb db, TimeProvider clock)
{
    private static long _clearedBefore;

    /// <summary>The caller's requests in the last sixty seconds, this one included (estimated as above).</summary>
    public async Task<double> Hit(string key, CancellationToken ct)
    {
        if (key.Length > RateCount.KeyLength)
            key = key[..RateCount.KeyLength];
        var seconds = clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var minute = (long)Math.Floor(seconds / 60);
        // Once a minute per instance: the minutes before last are no longer counted against anyone.
        var cleared = Interlocked.Read(ref _clearedBefore);
        if (cleared < minute - 1 && Interlocked.CompareExchange(ref _clearedBefore, minute - 1, cleared) == cleared)
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"RateCounts\" WHERE \"Minute\" < {minute - 1}", ct);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO "RateCounts" ("Key", "Minute", "Count") VALUES (@key, @minute, 1)
                ON CONFLICT ("Key", "Minute") DO UPDATE SET "Count" = "RateCounts"."Count" + 1
                RETURNING "Count";
                SELECT "Count" FROM "RateCounts" WHERE "Key" = @key AND "Minute" = @last;
                """;
            Add(command, "@key", key);
            Add(command, "@minute", minute);
            Add(command, "@last", minute - 1);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var now = reader.GetInt32(0);
            await reader.NextResultAsync(ct);
            var last = await reader.ReadAsync(ct) ? reader.GetInt32(0) : 0;
            var intoMinute = seconds / 60 - minute;
            return now + last * (1 - intoMinute);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
