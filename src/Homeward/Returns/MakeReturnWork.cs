using System.Globalization;
using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Returns;

/// <summary>
/// A return made on the job engine: at a region's size a year's Client Level Data is half a million rows and tens of
/// seconds of work, too long for a page to wait on. Checked at once and answered with the job; when done the return is
/// kept (<see cref="MadeReturn"/>) to see and download. The same person asking again for the same return and period
/// while it is being made gets the job under way. Rights are checked again when it runs.
/// </summary>
public sealed class MakeReturnWork(MakeReturn make, Jobs.Jobs jobs, HomewardDb db, TimeProvider clock) : IJobWork
{
    public sealed record Input(string Code, string? From, string? To);

    public JobKind Kind => JobKind.Return;

    public async Task<Jobs.Jobs.Requested> Request(string code, MakeReturn.Query query, Actor actor, CancellationToken ct)
    {
        var (which, period) = make.Check(code, query, actor);
        var (from, to) = (Day(period.From), Day(period.To));
        var title = $"{ReturnChoices.Of(which).Name}, {period.From:d MMMM yyyy} to {period.To:d MMMM yyyy}";
        return await jobs.Request(Kind, $"return:{which}:{from}:{to}:{actor.UserId}", title, new Input(code, from, to), actor, ct);
    }

    public async Task<JobResult> Run(Job job, JobProgress progress, CancellationToken ct)
    {
        var input = System.Text.Json.JsonSerializer.Deserialize<Input>(job.Input, Json.Options)!;
        var table = await make.Handle(input.Code, new MakeReturn.Query(input.From, input.To), job.Actor, ct, progress.Report);
        progress.Report(90, "Keeping the return");
        var now = clock.GetUtcNow();
        var name = await db.Users.Where(u => u.Id == job.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        var made = MadeReturn.Of(table, job.Actor, string.IsNullOrWhiteSpace(name) ? job.UserName : name, now);
        db.MadeReturns.Add(made);
        await db.SaveChangesAsync(ct);
        // Returns name people: none is kept longer than a week.
        await db.MadeReturns.Where(m => m.MadeAt < now.AddDays(-MadeReturn.KeptDays)).ExecuteDeleteAsync(ct);
        var errors = made.Errors > 0 ? $" {made.Errors:N0} problems to put right before it can be submitted." : table.Code == "cld" ? " It passes its validation." : "";
        return new JobResult($"/api/returns/made/{made.Id}", $"/returns/made/{made.Id}", $"{made.Rows:N0} rows.{errors}");
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// A kept return, for the person who made it and their organisation (with the right to make it: Client Level Data
/// names everyone), read again from what was kept. Each look is audited; the people in a Client Level Data file were
/// listed in the audit trail when it was made.
/// </summary>
public sealed class GetMadeReturn(HomewardDb db, TimeProvider clock)
{
    public async Task<(MadeReturn Made, ReturnTable Table)> Handle(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadFigures);
        var made = await db.MadeReturns.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (made is null || (made.UserId != actor.UserId && made.OrganisationId != actor.OrganisationId)
            || (made.Code == "cld" && !actor.Has(Right.MakeClientLevelData)))
            throw new NotFoundException("return", id);
        db.AuditEntries.Add(AuditEntry.For(actor, $"returns.{made.Code}.read", null, id.ToString(), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return (made, made.Table());
    }
}
