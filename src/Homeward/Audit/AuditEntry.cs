using Homeward.Access;

namespace Homeward.Audit;

public enum AuditOutcome
{
    Allowed,
    Denied,
    Failed,
    /// <summary>Allowed only because the user broke the glass: a stated reason, time-limited, reviewed by a privacy officer.</summary>
    Emergency,
}

/// <summary>
/// One access to personal data: who (user, role, organisation), whose record, what they did, whether
/// it was allowed, when (UTC) and in which request (correlation id). Written in the same transaction
/// as the change it records, so a change is never stored without its audit row.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string UserId { get; init; }
    public required string UserName { get; init; }
    public Role Role { get; init; }
    public Guid OrganisationId { get; init; }
    public Guid? PersonId { get; init; }
    /// <summary>What was done, as <c>thing.verb</c>: <c>referral.submit</c>, <c>episode.read</c>, <c>referral.search</c>.</summary>
    public required string Action { get; init; }
    public string? EntityId { get; init; }
    public AuditOutcome Outcome { get; init; }
    public required string CorrelationId { get; init; }

    /// <summary>Place in the hash chain, given when the row is sealed (<see cref="AuditChain"/>); null until then.</summary>
    public long? Sequence { get; set; }

    /// <summary>SHA-256 of the previous row's hash and this row's fields, hex; null until sealed.</summary>
    public string? Hash { get; set; }

    /// <summary>
    /// The people a list view or an export showed (a board page, a search's results, a return), when the row records
    /// one; a look at one person's record names that person in <see cref="PersonId"/> instead.
    /// </summary>
    public List<AuditPerson> People { get; init; } = [];

    /// <summary>The longest entity id kept (the column's length on both databases).</summary>
    public const int EntityIdLength = 64;

    /// <summary>The longest action kept (the column's length on both databases).</summary>
    public const int ActionLength = 64;

    public static AuditEntry For(Actor actor, string action, Guid? personId, object? entityId, DateTimeOffset at,
        AuditOutcome outcome = AuditOutcome.Allowed) => new()
    {
        At = at,
        UserId = actor.UserId,
        UserName = actor.UserName,
        Role = actor.Role,
        OrganisationId = actor.OrganisationId,
        PersonId = personId,
        // PostgreSQL refuses a value longer than its column, and the row with it: a long action keeps its start, the verb.
        Action = action.Length > ActionLength ? action[..(ActionLength - 1)] + "…" : action,
        // What a caller sent can be longer than the column (a sender's document identifier): the end is kept, where ids differ.
        EntityId = entityId?.ToString() is { Length: > EntityIdLength } id ? "…" + id[^(EntityIdLength - 1)..] : entityId?.ToString(),
        Outcome = outcome,
        CorrelationId = actor.CorrelationId,
    };
}

/// <summary>One person shown by the view or export an audit row records. Written with the row; never changed.</summary>
public sealed class AuditPerson
{
    public long AuditEntryId { get; init; }
    public Guid PersonId { get; init; }
}
