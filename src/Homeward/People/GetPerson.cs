using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People;

/// <summary>Reads a person's record, by id or by NHS number; the read is audited, and so is a look-up that finds nobody.</summary>
public sealed class GetPerson(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public async Task<PersonView> Handle(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct)
                     ?? throw new NotFoundException("person", id);
        await scope.Demand(actor, person.Id, "person.read", "person", id, ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "person.read", person.Id, person.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return PersonView.From(person);
    }

    public async Task<PersonView> ByNhsNumber(string nhsNumber, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        if (!NhsNumber.TryParse(nhsNumber, out var number, out var error))
            throw ValidationFailedException.For("nhsNumber", error!);
        var found = await db.People.Where(p => p.NhsNumber == number).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
        if (found is not { } id)
        {
            // A look-up that finds nothing is audited too: who asked after which NHS number.
            db.AuditEntries.Add(AuditEntry.For(actor, "person.lookup.notfound", null, number.Value, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            throw new NotFoundException("person", number.Display);
        }
        await scope.Demand(actor, id, "person.read", "person", number.Display, ct);
        return await Handle(id, actor, ct);
    }
}
