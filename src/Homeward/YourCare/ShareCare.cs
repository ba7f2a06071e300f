using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.YourCare;

/// <summary>
/// Staff record who else the person agreed may see their care in "Your care" (and be told when something changes), and
/// withdraw it when the person asks. Each change is audited; the list shows withdrawn ones too, and the last looks at the page.
/// </summary>
public sealed class ShareCare(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record GrantInput
    {
        public string? Name { get; init; }
        public string? Relationship { get; init; }
        public string? Email { get; init; }
        public string? MobilePhone { get; init; }
        /// <summary>Tell them when a visit time changes, a visit is missed or support ends.</summary>
        public bool? Messages { get; init; }
        /// <summary>PersonAgreed, LastingPowerOfAttorney or BestInterestDecision.</summary>
        public string? Basis { get; init; }
        public string? ConsentNotes { get; init; }
    }

    public sealed record WithdrawInput(string? Reason);

    public sealed record Shared(IReadOnlyList<FamilyAccessView> Family, IReadOnlyList<YourView> Views);

    public async Task<Shared> List(Guid personId, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords, personId);
        await scope.Demand(actor, personId, "person.family-access.read", "person", personId, ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "person.family-access.read", personId, personId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return await Of(personId, ct);
    }

    public async Task<Shared> Grant(Guid personId, GrantInput input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.RecordCare, personId);
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
            throw new NotFoundException("person", personId);
        await scope.DemandToChange(actor, personId, "person.family-access", "person", personId, ct);
        var problems = new Problems();
        var name = problems.Required("name", input.Name, 200, "their name");
        var relationship = problems.Required("relationship", input.Relationship, 100, "their relationship to the person");
        var email = problems.Optional("email", input.Email, 254, "their e-mail address");
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            problems.Add("email", "Enter an e-mail address like name@example.org.");
        var mobile = string.IsNullOrWhiteSpace(input.MobilePhone) ? null : PublicIdentity.NormaliseMobile(input.MobilePhone);
        if (!string.IsNullOrWhiteSpace(input.MobilePhone) && mobile is null)
            problems.Add("mobilePhone", "Enter a UK mobile number, like 07700 900982.");
        if (string.IsNullOrWhiteSpace(input.Email) && string.IsNullOrWhiteSpace(input.MobilePhone))
            problems.Add("email", "Give their e-mail address or mobile number: it is how they sign in.");
        var basis = problems.Enum<ConsentBasis>("basis", input.Basis, "the consent");
        var notes = problems.Required("consentNotes", input.ConsentNotes, 500, "how and when the consent was given");
        var normalised = email is null ? null : PublicIdentity.NormaliseEmail(email);
        var held = await db.FamilyAccesses.Where(f => f.PersonId == personId && f.WithdrawnAt == null).ToListAsync(ct);
        if (normalised is not null && held.Any(f => f.Email == normalised))
            problems.Add("email", "Someone with this e-mail address can already see this person's care.");
        if (mobile is not null && held.Any(f => f.MobilePhone == mobile))
            problems.Add("mobilePhone", "Someone with this mobile number can already see this person's care.");
        if (problems.Any || basis is not { } checkedBasis)
            throw problems.Failure();
        var now = clock.GetUtcNow();
        var access = new FamilyAccess
        {
            PersonId = personId, Name = name, Relationship = relationship, Email = normalised, MobilePhone = mobile, Messages = input.Messages ?? true,
            Basis = checkedBasis, ConsentNotes = notes, GrantedAt = now, GrantedBy = actor.UserName,
        };
        db.FamilyAccesses.Add(access);
        db.AuditEntries.Add(AuditEntry.For(actor, "person.family-access.grant", personId, access.Id, now));
        await db.SaveChangesAsync(ct);
        return await Of(personId, ct);
    }

    public async Task<Shared> Withdraw(Guid personId, Guid accessId, WithdrawInput input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.RecordCare, personId);
        await scope.DemandToChange(actor, personId, "person.family-access", "person", personId, ct);
        var problems = new Problems();
        var reason = problems.Required("reason", input.Reason, 500, "why it is withdrawn");
        problems.ThrowIfAny();
        var access = await db.FamilyAccesses.SingleOrDefaultAsync(f => f.Id == accessId && f.PersonId == personId, ct)
                     ?? throw new NotFoundException("family access", accessId);
        if (!access.Active)
            throw new InvalidTransitionException($"{access.Name}'s access was already withdrawn.");
        var now = clock.GetUtcNow();
        (access.WithdrawnAt, access.WithdrawnBy, access.WithdrawnReason) = (now, actor.UserName, reason);
        db.AuditEntries.Add(AuditEntry.For(actor, "person.family-access.withdraw", personId, access.Id, now));
        await db.SaveChangesAsync(ct);
        return await Of(personId, ct);
    }

    /// <summary>
    /// The person stops sharing their care with someone, from "Your care" itself: only the person (never a family member)
    /// may, and it ends that access at once. The record says the person withdrew it.
    /// </summary>
    public async Task WithdrawByThePerson(Viewer viewer, Guid accessId, CancellationToken ct)
    {
        if (!viewer.IsThePerson)
            throw new NotFoundException("family access", accessId);
        var access = await db.FamilyAccesses.SingleOrDefaultAsync(f => f.Id == accessId && f.PersonId == viewer.PersonId, ct)
                     ?? throw new NotFoundException("family access", accessId);
        if (!access.Active)
            throw new InvalidTransitionException($"{access.Name} already cannot see your care.");
        (access.WithdrawnAt, access.WithdrawnBy, access.WithdrawnReason) = (clock.GetUtcNow(), $"{viewer.PersonName} (the person)", "The person stopped sharing on Your care.");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>As it stands; not audited (the person's record page shows it, and audits its one view).</summary>
    public async Task<Shared> Of(Guid personId, CancellationToken ct) => new(
        [.. (await db.FamilyAccesses.AsNoTracking().Where(f => f.PersonId == personId).OrderBy(f => f.GrantedAt).ToListAsync(ct)).Select(FamilyAccessView.From)],
        await db.PublicViews.AsNoTracking().Where(v => v.PersonId == personId).OrderByDescending(v => v.At).ThenByDescending(v => v.Id).Take(50)
            .Select(v => new YourView(v.At, v.Viewer, v.Via)).ToListAsync(ct));
}
