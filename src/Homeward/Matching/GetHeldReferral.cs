using System.Text.Json;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.People;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Matching;

/// <summary>
/// Reads a referral held for a patient-matching decision: its sender (the same organisation) sees what happened to it;
/// the hub (those who triage, and may see the held person) sees the details sent beside those held, to decide. Both
/// reads are audited; to anyone else it does not exist.
/// </summary>
public sealed class GetHeldReferral(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    /// <summary>One detail as sent and as held.</summary>
    public sealed record Row(string Label, string? Sent, string? Held, bool Differs);

    /// <summary>What the hub needs to decide.</summary>
    public sealed record MatchView(HeldReferralView Referral, string NhsNumber, Guid HeldPersonId, string HeldName, IReadOnlyList<Row> Rows,
        string Reason, string? Referrer, string SentBy, IReadOnlyList<string> SentWith, int EarlierReferrals, DateTimeOffset? LastReferred);

    /// <summary>The sender's view (or the hub's, without the held details).</summary>
    public async Task<HeldReferralView> Handle(Guid id, Actor actor, CancellationToken ct) => HeldReferralView.For(await Read(id, actor, ct));

    /// <summary>The sender's view with what they sent, as received (for FHIR, which answers with their own ServiceRequest).</summary>
    public async Task<(HeldReferralView View, IReadOnlyList<SentItem> Sent)> WithSent(Guid id, Actor actor, CancellationToken ct)
    {
        var held = await Read(id, actor, ct);
        return (HeldReferralView.For(held), held.Sent());
    }

    private async Task<HeldReferral> Read(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var held = await db.HeldReferrals.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct);
        if (held is null || !(held.SenderOrganisationId == actor.OrganisationId && actor.Has(Right.SubmitReferral) || actor.Has(Right.Triage)))
            throw new NotFoundException("held referral", id);
        db.AuditEntries.Add(AuditEntry.For(actor, "referral.held.read", held.HeldPersonId, id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return held;
    }

    /// <summary>The details sent beside those held, for someone at the hub to decide.</summary>
    public async Task<MatchView> ForDecision(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Triage);
        var found = await (from h in db.HeldReferrals.AsNoTracking()
                           join p in db.People.AsNoTracking() on h.HeldPersonId equals p.Id
                           where h.Id == id
                           select new { h, p }).SingleOrDefaultAsync(ct)
                    ?? throw new NotFoundException("held referral", id);
        await scope.Demand(actor, found.p.Id, "referral.match.view", "held referral", id, ct);
        var (held, person) = (found.h, found.p);
        var request = JsonSerializer.Deserialize<SubmitReferral.Request>(held.RequestJson, Json.Options)!;
        var sent = request.Person ?? new PersonInput();
        var now = clock.GetUtcNow();
        var parsed = sent.Validate(new Problems(), "", London.DateOf(now), now);
        var differing = parsed is null ? [] : PatientMatch.Differences(person, parsed).Select(d => d.Field).ToHashSet();
        var rows = new List<Row>
        {
            new("NHS number", sent.NhsNumber, person.NhsNumber.ToString(), false),
            new("Date of birth", parsed is null ? sent.DateOfBirth : Day(parsed.DateOfBirth), Day(person.DateOfBirth), differing.Contains("dateOfBirth")),
            new("Given name", sent.GivenName, person.GivenName, differing.Contains("givenName")),
            new("Family name", sent.FamilyName, person.FamilyName, differing.Contains("familyName")),
            new("Gender", sent.Gender, person.Gender.ToString(), differing.Contains("gender")),
            new("Address", Join(sent.AddressLine1, sent.AddressLine2, sent.Town), Join(person.AddressLine1, person.AddressLine2, person.Town), differing.Contains("addressLine1")),
            new("Postcode", sent.Postcode, person.Postcode.Value, differing.Contains("postcode")),
            new("GP practice", sent.GpPracticeCode, person.GpPracticeCode, false),
        };
        var sentWith = held.Sent().Select(s => s.Summary).ToList();
        var sender = await db.Organisations.AsNoTracking().Where(o => o.Id == held.SenderOrganisationId).Select(o => o.Name).SingleOrDefaultAsync(ct);
        var earlier = await db.Referrals.AsNoTracking().Where(r => r.PersonId == person.Id).Select(r => r.ReceivedAt).ToListAsync(ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "referral.match.view", person.Id, id, now));
        await db.SaveChangesAsync(ct);
        return new MatchView(HeldReferralView.For(held), person.NhsNumber?.ToString() ?? "", person.Id, $"{person.GivenName} {person.FamilyName}", rows,
            request.Reason ?? "", Join(request.ReferrerName, request.ReferrerContact), $"{held.SenderUserName}{(sender is null ? "" : $", {sender}")}",
            sentWith, earlier.Count, earlier.Count == 0 ? null : earlier.Max());
    }

    /// <summary>A date in words ("3 April 1941"), so a day and month swapped cannot be misread.</summary>
    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Join(params string?[] parts) =>
        string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim())) is { Length: > 0 } s ? s : null;
}
