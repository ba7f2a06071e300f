using Homeward.Access;
using Homeward.Attention;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Homeward.Alerts;

/// <summary>
/// One round of alerts: the items needing attention of the kinds that cannot wait (new 2-hour referrals, referrals held
/// for a patient-matching decision, offers
/// declined, missed visits) that have not been alerted yet go to the team mailbox in one e-mail, which says how many of
/// each and links to the queue; it names nobody (a mailbox is not the place for personal data). Each item is claimed
/// before the mail goes, so several instances never send it twice; a failed send gives the claims back for the next
/// round.
/// </summary>
public sealed class SendAlerts(HomewardDb db, NeedsAttention queue, IMailer mailer, IConfiguration config, TimeProvider clock)
{
    public static readonly AttentionKind[] Urgent = [AttentionKind.TwoHourReferral, AttentionKind.Deterioration, AttentionKind.PatientMatch, AttentionKind.OfferDeclined, AttentionKind.MissedVisit, AttentionKind.VisitNotStarted, AttentionKind.PhoneConflict];

    /// <summary>The actor alerts read the queue as: the hub's view of everyone.</summary>
    private static readonly Actor System = new("system", "Homeward alerts", Role.HubCoordinator, Guid.Empty, "alerts");

    /// <summary>Sends what is new; returns how many items it alerted (0 when nothing, or alerts are not set up).</summary>
    public async Task<int> Round(CancellationToken ct)
    {
        if (config["Alerts:Mailbox"] is not { Length: > 0 } mailbox)
            return 0;
        var items = (await queue.Work(System, ct, Urgent)).Items;
        var subjects = items.Select(i => i.SubjectId).ToList();
        var alerted = (await db.AlertsSent.AsNoTracking().Where(a => subjects.Contains(a.SubjectId)).Select(a => new { a.Kind, a.SubjectId }).ToListAsync(ct))
            .Select(a => (a.Kind, a.SubjectId)).ToHashSet();
        var fresh = items.Where(i => !alerted.Contains((i.Kind, i.SubjectId))).ToList();
        if (fresh.Count == 0)
            return 0;

        var now = clock.GetUtcNow();
        var claims = fresh.Select(i => new AlertSent { Kind = i.Kind, SubjectId = i.SubjectId, ClaimedAt = now }).ToList();
        db.AlertsSent.AddRange(claims);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance claimed some of them in the same moment: it sends them.
            db.ChangeTracker.Clear();
            return 0;
        }
        try
        {
            var lines = fresh.GroupBy(i => i.Kind).Select(g => $"- {g.Key.Label()}: {g.Count()}");
            var link = $"{(config["Alerts:AppUrl"] ?? "").TrimEnd('/')}/attention";
            await mailer.Send(mailbox, fresh.Any(i => i.Kind == AttentionKind.TwoHourReferral)
                    ? "Homeward: a new 2-hour referral needs triage now"
                    : $"Homeward: {fresh.Count} new {(fresh.Count == 1 ? "item needs" : "items need")} attention",
                $"New since the last alert:\n{string.Join("\n", lines)}\n\nOpen the queue to take them: {link}\n\n" +
                "This message names nobody on purpose; the details are in Homeward.", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not sent: give the claims back so the next round tries again, and say so.
            db.AlertsSent.RemoveRange(claims);
            await db.SaveChangesAsync(ct);
            throw;
        }
        foreach (var claim in claims)
            claim.SentAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return fresh.Count;
    }
}
