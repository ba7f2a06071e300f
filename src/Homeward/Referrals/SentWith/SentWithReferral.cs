using Homeward.Access;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Referrals.SentWith;

/// <summary>What was sent with a referral: for anyone who may read the referral (the same access rule), in the sender's order.</summary>
public sealed class SentWithReferral(HomewardDb db, GetReferral referrals)
{
    public sealed record Item(Guid Id, int Position, string ResourceType, string? SenderId, string Summary, DateTimeOffset ReceivedAt);

    public async Task<IReadOnlyList<Item>> Handle(Guid referralId, Actor actor, CancellationToken ct) =>
        await For(await referrals.Handle(referralId, actor, ct), ct); // the referral's own access check (and its audit row)

    /// <summary>For a referral the caller has just read (so its access check and audit row are done): not read twice.</summary>
    public async Task<IReadOnlyList<Item>> For(ReferralView read, CancellationToken ct) =>
        await db.SentDocuments.AsNoTracking().Where(d => d.ReferralId == read.Id).OrderBy(d => d.Position)
            .Select(d => new Item(d.Id, d.Position, d.ResourceType, d.SenderId, d.Summary, d.ReceivedAt)).ToListAsync(ct);

    /// <summary>One as received, for anyone who may read its referral.</summary>
    public async Task<(SentDocument Document, ReferralView Referral)?> Read(Guid id, Actor actor, CancellationToken ct)
    {
        var document = await db.SentDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        return document is null ? null : (document, await referrals.Handle(document.ReferralId, actor, ct));
    }

    /// <summary>Everything sent with a referral the caller has just read, as received, in the sender's order (a document's sections name the others).</summary>
    public async Task<IReadOnlyList<SentDocument>> AllAsReceived(ReferralView read, CancellationToken ct) =>
        await db.SentDocuments.AsNoTracking().Where(d => d.ReferralId == read.Id).OrderBy(d => d.Position).ToListAsync(ct);

    /// <summary>Keeps what was sent with a referral, in the caller's unit of work (saved with the referral); returns their ids, in order.</summary>
    public static IReadOnlyList<Guid> Attach(HomewardDb db, Guid referralId, IEnumerable<(string Type, string? SenderId, string Summary, string Content)> documents,
        DateTimeOffset at)
    {
        var position = 0;
        var ids = new List<Guid>();
        foreach (var (type, senderId, summary, content) in documents)
        {
            var document = new SentDocument
            {
                ReferralId = referralId, Position = position++, ResourceType = type, SenderId = senderId, Summary = summary, Content = content,
                ReceivedAt = at,
            };
            db.SentDocuments.Add(document);
            ids.Add(document.Id);
        }
        return ids;
    }
}
