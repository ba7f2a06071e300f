using Homeward.Common;
using Homeward.Data;
using Homeward.Rotas;
using Homeward.YourCare;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Demo;

/// <summary>
/// "Your care" in the demo: the first person on the demo carer's round today agreed that their daughter may see their
/// care. She signs in at /your-care with <see cref="Email"/> (the code goes to the log in development).
/// </summary>
public static class DemoFamily
{
    public const string Email = "family@example.org";

    public static async Task<bool> Share(HomewardDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.FamilyAccesses.AnyAsync(f => f.Email == Email && f.WithdrawnAt == null, ct))
            return false;
        var today = London.DateOf(clock.GetUtcNow());
        var account = DemoAccounts.Accounts.Single(a => a.Role == Access.Role.ReablementWorker).UserName;
        var person = await (from w in db.CareWorkers.AsNoTracking()
                            join a in db.RotaAssignments.AsNoTracking() on w.Id equals a.WorkerId
                            join r in db.Rotas.AsNoTracking() on a.RotaId equals r.Id
                            join v in db.Visits.AsNoTracking() on a.VisitId equals v.Id
                            join p in db.People.AsNoTracking() on v.PersonId equals p.Id
                            where w.UserName == account && r.Date == today && r.Status == RotaStatus.Published
                            orderby a.Order
                            select new { p.Id, p.FamilyName }).FirstOrDefaultAsync(ct);
        if (person is null)
            return false;
        var now = clock.GetUtcNow();
        db.FamilyAccesses.Add(new FamilyAccess
        {
            PersonId = person.Id, Name = $"Alex {person.FamilyName}", Relationship = "Daughter", Email = Email, MobilePhone = "07700900001", Messages = true,
            Basis = ConsentBasis.PersonAgreed, ConsentNotes = "Agreed at the first visit (demo)", GrantedAt = now, GrantedBy = "Homeward",
        });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
