using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.People.SubjectAccessRequests;

public enum SubjectAccessStatus { InReview, Released }

/// <summary>
/// A subject access request being answered: who asked and when (the answer is due within one month, UK GDPR article
/// 12(3)), the lines about other people the privacy officer withholds and why, and when it was released. Released, it
/// no longer changes.
/// </summary>
public sealed class SubjectAccessRequest
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; init; }
    /// <summary>Who asked: the person, or their representative and on what authority.</summary>
    public required string Requester { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateOnly DueOn => ReceivedOn.AddMonths(1);
    public SubjectAccessStatus Status { get; private set; }
    /// <summary>The keys of the document lines withheld, one a line.</summary>
    public string Withheld { get; private set; } = "";
    public string? WithheldReason { get; private set; }
    public DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }
    public DateTimeOffset? ReleasedAt { get; private set; }
    public string? ReleasedBy { get; private set; }
    public int Version { get; set; } = 1;

    public IReadOnlySet<string> WithheldKeys => Withheld.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    public void Withhold(IEnumerable<string> keys, string? reason)
    {
        Demand(SubjectAccessStatus.InReview);
        Withheld = string.Join('\n', keys.Distinct().Order());
        WithheldReason = Withheld.Length == 0 ? null : reason;
        Version++;
    }

    public void Release(DateTimeOffset at, string by)
    {
        Demand(SubjectAccessStatus.InReview);
        (Status, ReleasedAt, ReleasedBy) = (SubjectAccessStatus.Released, at, by);
        Version++;
    }

    private void Demand(SubjectAccessStatus status)
    {
        if (Status != status)
            throw new Common.InvalidTransitionException("This subject access request has been released: what was sent no longer changes.");
    }
}

internal sealed class SubjectAccessRequestConfiguration : IEntityTypeConfiguration<SubjectAccessRequest>
{
    public void Configure(EntityTypeBuilder<SubjectAccessRequest> e)
    {
        e.ToTable("SubjectAccessRequests");
        e.HasIndex(x => x.PersonId);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Requester).HasMaxLength(500);
        e.Property(x => x.Withheld).HasMaxLength(20000);
        e.Property(x => x.WithheldReason).HasMaxLength(2000);
        e.Property(x => x.OpenedBy).HasMaxLength(256);
        e.Property(x => x.ReleasedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.DueOn);
        e.Ignore(x => x.WithheldKeys);
    }
}
