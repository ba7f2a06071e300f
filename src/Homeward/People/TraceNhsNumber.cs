using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People;

/// <summary>
/// The NHS number the hub traced (on the Personal Demographics Service) for someone recorded without one: entered once,
/// with its status (01, verified, unless said otherwise). Refused when the person already has a number, or when another
/// record holds the number (the same person recorded twice: Homeward cannot merge records, so it says so rather than
/// making a second record with the number).
/// </summary>
public sealed class TraceNhsNumber(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Input(string? NhsNumber, string? Status);

    public async Task<PersonView> Handle(Guid id, Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Triage, id);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("person", id);
        await scope.DemandToChange(actor, id, "person.trace", "person", id, ct);
        Versions.Demand("person", person.Version, expectedVersion, "person's record");
        if (!person.NeedsTrace)
            throw new InvalidTransitionException("This person already has an NHS number: it is their identity and is not changed here.");

        var problems = new Problems();
        var nhs = string.IsNullOrWhiteSpace(input.NhsNumber) ? null : problems.NhsNumber("nhsNumber", input.NhsNumber);
        if (string.IsNullOrWhiteSpace(input.NhsNumber))
            problems.Add("nhsNumber", "Enter the NHS number the trace found.");
        var status = problems.Optional("status", input.Status, 2, "the NHS number status") ?? "01";
        if (status is not ("01" or "02"))
            problems.Add("status", "A traced number is 01 (verified on PDS) or 02 (present but not traced).");
        if (problems.Any || nhs is not { } number)
            throw problems.Failure();
        if (await db.People.AnyAsync(p => p.NhsNumber == nhs && p.Id != id, ct))
            throw ValidationFailedException.For("nhsNumber",
                "Another record holds this NHS number: the person was recorded twice. Homeward cannot merge records yet; nothing was changed. Check the trace, then ask the system administrator.");

        var now = clock.GetUtcNow();
        person.Traced(number, status);
        person.Version++;
        db.AuditEntries.Add(AuditEntry.For(actor, "person.trace", person.Id, person.Id, now));
        await db.SaveChangesAsync(ct);
        return PersonView.From(person);
    }
}
