using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.People.RightsRequests;

/// <summary>Which right the person is using.</summary>
public enum RightsRequestKind
{
    /// <summary>UK GDPR article 16: something held about them is wrong, or incomplete.</summary>
    Rectification,
    /// <summary>UK GDPR article 18: stop using their details, beyond keeping them, while the ground stands.</summary>
    Restriction,
}

/// <summary>The grounds for restriction in UK GDPR article 18(1).</summary>
public enum RestrictionGround
{
    /// <summary>(a) They contest the accuracy: restricted while it is checked.</summary>
    AccuracyContested,
    /// <summary>(b) The processing is unlawful and they ask for restriction instead of erasure.</summary>
    UnlawfulProcessing,
    /// <summary>(c) The partnership no longer needs the data, but they need it kept for a legal claim.</summary>
    NeededForLegalClaims,
    /// <summary>(d) They object (article 21): restricted while it is decided whether the partnership's grounds override theirs.</summary>
    ObjectionPending,
}

public enum RightsRequestStatus
{
    /// <summary>A rectification not yet answered.</summary>
    Open,
    /// <summary>A rectification answered by correcting the record (what was changed is said).</summary>
    Corrected,
    /// <summary>A rectification refused, with the reason; what the person said stays with the record as their statement.</summary>
    Declined,
    /// <summary>A restriction in force: everyone sees it, and only a manager changes the person's details, at the privacy officer's request.</summary>
    Restricted,
    /// <summary>A restriction lifted, with the reason, after the person was told (article 18(3)).</summary>
    Lifted,
}

/// <summary>
/// A request from a person (or their representative) to have their record corrected (article 16) or its use restricted
/// (article 18): who asked, when (the answer is due within one month, article 12(3)), what they say, and how it was
/// answered. A restriction is in force from the moment it is recorded, as the ICO advises while a contested point is
/// checked, and ends only by being lifted after the person has been told. A declined correction keeps the person's
/// statement with their record.
/// </summary>
public sealed class RightsRequest
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; init; }
    public RightsRequestKind Kind { get; init; }
    /// <summary>Who asked: the person, or their representative and on what authority.</summary>
    public required string Requester { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateOnly DueOn => ReceivedOn.AddMonths(1);
    /// <summary>What the person says: what is wrong and what it should say, or why its use should stop.</summary>
    public required string Statement { get; init; }
    /// <summary>For a restriction: the article 18(1) ground.</summary>
    public RestrictionGround? Ground { get; init; }
    public RightsRequestStatus Status { get; private set; }
    /// <summary>How it was answered: what was corrected, why it was declined, or why the restriction was lifted.</summary>
    public string? Answer { get; private set; }
    /// <summary>For a lifted restriction: the day the person was told it would be lifted.</summary>
    public DateOnly? PersonToldOn { get; private set; }
    public DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? AnsweredBy { get; private set; }
    public int Version { get; set; } = 1;

    public static RightsRequest Open(Guid personId, RightsRequestKind kind, string requester, DateOnly receivedOn, string statement,
        RestrictionGround? ground, DateTimeOffset at, string by) => new()
        {
            PersonId = personId, Kind = kind, Requester = requester, ReceivedOn = receivedOn, Statement = statement,
            Ground = kind == RightsRequestKind.Restriction ? ground : null, OpenedAt = at, OpenedBy = by,
            Status = kind == RightsRequestKind.Restriction ? RightsRequestStatus.Restricted : RightsRequestStatus.Open,
        };

    /// <summary>A restriction in force.</summary>
    public bool Restricts => Status == RightsRequestStatus.Restricted;

    /// <summary>A correction refused: the person's statement is shown with their record.</summary>
    public bool Disputed => Status == RightsRequestStatus.Declined;

    /// <summary>What may be done next, in the order offered.</summary>
    public IReadOnlyList<RightsRequestStatus> Next => Status switch
    {
        RightsRequestStatus.Open => [RightsRequestStatus.Corrected, RightsRequestStatus.Declined],
        RightsRequestStatus.Restricted => [RightsRequestStatus.Lifted],
        _ => [],
    };

    public void Correct(string whatChanged, DateTimeOffset at, string by) => Close(RightsRequestStatus.Corrected, whatChanged, null, at, by);

    public void Decline(string why, DateTimeOffset at, string by) => Close(RightsRequestStatus.Declined, why, null, at, by);

    public void Lift(string why, DateOnly personToldOn, DateTimeOffset at, string by) => Close(RightsRequestStatus.Lifted, why, personToldOn, at, by);

    private void Close(RightsRequestStatus to, string answer, DateOnly? toldOn, DateTimeOffset at, string by)
    {
        if (!Next.Contains(to))
            throw new Common.InvalidTransitionException(Status switch
            {
                RightsRequestStatus.Restricted => "A restriction ends by being lifted, after the person has been told.",
                RightsRequestStatus.Open => "A correction request is answered by correcting the record or declining with the reason.",
                _ => "This request has been answered: the answer no longer changes. Open a new request if the person asks again.",
            });
        (Status, Answer, PersonToldOn, AnsweredAt, AnsweredBy) = (to, answer, toldOn, at, by);
        Version++;
    }
}

internal sealed class RightsRequestConfiguration : IEntityTypeConfiguration<RightsRequest>
{
    public void Configure(EntityTypeBuilder<RightsRequest> e)
    {
        e.ToTable("RightsRequests");
        e.HasIndex(x => new { x.PersonId, x.Status });
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Requester).HasMaxLength(500);
        e.Property(x => x.Statement).HasMaxLength(4000);
        e.Property(x => x.Answer).HasMaxLength(4000);
        e.Property(x => x.OpenedBy).HasMaxLength(256);
        e.Property(x => x.AnsweredBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.DueOn);
        e.Ignore(x => x.Restricts);
        e.Ignore(x => x.Disputed);
        e.Ignore(x => x.Next);
    }
}
