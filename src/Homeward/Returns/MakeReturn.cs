using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Homeward.Returns;

/// <summary>
/// Produces a national return for a period from the live records. Without dates, each return takes its usual
/// period: Client Level Data the rolling 12 months to the end of the latest complete quarter; ASCOF 2A and 2D and
/// the SALT-layout analyses the latest complete financial year; the local 91-day measure the latest October to
/// December whose follow-ups are all due; the weekly collection the latest complete week; the Better Care Fund metrics the latest complete quarter; the monthly measures (discharge
/// delays, urgent response) the latest complete month. Every return is audited;
/// the Client Level Data, which names people, is audited for each person in it, and comes with its validation.
/// </summary>
public sealed class MakeReturn(HomewardDb db, TimeProvider clock, LoadFacts load, ILogger<MakeReturn> log)
{
    public sealed record Query(string? From, string? To);

    public async Task<ReturnTable> Handle(string code, Query query, Actor actor, CancellationToken ct, Action<int, string>? progress = null)
    {
        var (which, period) = Check(code, query, actor);
        var now = clock.GetUtcNow();
        progress?.Invoke(5, "Reading the records");
        var timer = System.Diagnostics.Stopwatch.StartNew();
        // Client Level Data reads only what it needs (at a region's size the care record's other parts take seconds), from
        // the period's first day: its events are all in the period (a request decided, a service active, an assessment or
        // review held). The others from 91 days before the period (open episodes however old come too): a run of support
        // that began before it (ASCOF 2A joins runs within 7 days) and a referral decided in it but received before.
        var facts = which == ReturnCode.Cld
            ? await load.Handle(period.From, FactParts.ClientLevelData, ct)
            : await load.Handle(period.From.AddDays(-91), FactParts.All, ct);
        var today = London.DateOf(now);
        var read = timer.Elapsed;
        progress?.Invoke(60, "Building the return");
        var table = which switch
        {
            ReturnCode.Cld => ClientLevelData.ClientLevelData.Build(facts, period, await CouncilCode(ct), await GpNames(ct)),
            ReturnCode.Ascof2A => Ascof.AscofMeasures.Ascof2A(facts, period),
            ReturnCode.Ascof2D => Ascof.AscofMeasures.Ascof2D(facts, period, today),
            ReturnCode.Local91Days => Ascof.AscofMeasures.Local91Days(facts, period, today),
            ReturnCode.DischargeDelays => Monthly.MonthlyReturns.DischargeDelays(facts, period),
            ReturnCode.UrgentResponse => Monthly.MonthlyReturns.UrgentResponse(facts, period, now),
            ReturnCode.Bcf => Bcf.BetterCareFund.Build(facts, period),
            ReturnCode.Sts001 => NationalReturns.Sts001(facts, period),
            ReturnCode.Sts002a => NationalReturns.Sts002a(facts, period),
            ReturnCode.Sts002b => NationalReturns.Sts002b(facts, period),
            ReturnCode.Sts004 => NationalReturns.Sts004(facts, period),
            _ => Weekly.IntermediateCareWeekly.Build(facts, period, now),
        };
        var built = timer.Elapsed;
        var span = $"{period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd}";
        if (which == ReturnCode.Cld)
        {
            // The validation (seconds of work on a region's file) runs while the audit of the people in it is written.
            progress?.Invoke(80, "Checking the file against the specification");
            var made = table;
            var validating = Task.Run(() => ClientLevelData.CldValidator.Check(made), ct);
            var person = ClientLevelData.CldSpecification.Column("LA_Person_Unique_Identifier");
            await ListAudit.Record(db, actor, "returns.cld", [.. table.Rows.Select(r => Guid.Parse(r[person])).Distinct()], span, now, ct);
            table = table with { Problems = await validating };
        }
        else
        {
            db.AuditEntries.Add(AuditEntry.For(actor, $"returns.{table.Code}", null, span, now));
            await db.SaveChangesAsync(ct);
        }
        log.LogInformation(
            "Made {Return} for {Period}: {Rows} rows from {Episodes} episodes; records read in {Read} ms, built in {Built} ms, checked and audited in {Checked} ms",
            table.Code, span, table.Rows.Count, facts.Count, (int)read.TotalMilliseconds, (int)(built - read).TotalMilliseconds,
            (int)(timer.Elapsed - built).TotalMilliseconds);
        return table;
    }

    /// <summary>The return asked for and its period, checked (all problems at once) before any work.</summary>
    public (ReturnCode Code, Period Period) Check(string code, Query query, Actor actor)
    {
        actor.Demand(Right.ReadFigures);
        var problems = new Problems();
        var which = problems.Enum<ReturnCode>("code", Normalise(code), "return");
        var from = problems.Date("from", query.From, "the first day", required: false);
        var to = problems.Date("to", query.To, "the last day", required: false);
        if (string.IsNullOrWhiteSpace(query.From) != string.IsNullOrWhiteSpace(query.To))
            problems.Add(string.IsNullOrWhiteSpace(query.From) ? "from" : "to", "Give both the first and the last day, or neither for the return's usual period.");
        else if (from > to)
            problems.Add("to", "The last day cannot be before the first day.");
        else if (to?.DayNumber - from?.DayNumber + 1 > Dashboard.MostDays)
            problems.Add("from", $"Choose a period of at most {Dashboard.MostDays} days.");
        if (problems.Any || which is not { } asked)
            throw problems.Failure();
        if (asked == ReturnCode.Cld)
            actor.Demand(Right.MakeClientLevelData);
        var period = from is { } f && to is { } t ? new Period(f, t) : UsualPeriod(asked, London.DateOf(clock.GetUtcNow()));
        return (asked, period);
    }

    /// <summary>Accepts the codes as written in URLs and on the command line: ascof-2b, sts002a, weekly-intermediate-care.</summary>
    public static string? Normalise(string? code) => code?.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);

    public static Period UsualPeriod(ReturnCode code, DateOnly today)
    {
        var financialYearStart = new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        switch (code)
        {
            case ReturnCode.Local91Days:
                // Discharges in October to December; the last follow-up falls due 91 days after 31 December.
                var lastDue = new DateOnly(today.Year - 1, 12, 31).AddDays(FollowUps.FollowUp.Days);
                var year = today >= lastDue ? today.Year - 1 : today.Year - 2;
                return new Period(new DateOnly(year, 10, 1), new DateOnly(year, 12, 31));
            case ReturnCode.Cld:
                return ClientLevelData.ClientLevelData.RollingYear(today);
            case ReturnCode.Bcf:
                var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
                return new Period(quarter.AddMonths(-3), quarter.AddDays(-1));
            case ReturnCode.DischargeDelays or ReturnCode.UrgentResponse:
                var month = new DateOnly(today.Year, today.Month, 1);
                return new Period(month.AddMonths(-1), month.AddDays(-1));
            case ReturnCode.WeeklyIntermediateCare:
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                return new Period(monday.AddDays(-7), monday.AddDays(-1));
            default:
                return new Period(financialYearStart.AddYears(-1), financialYearStart.AddDays(-1));
        }
    }

    /// <summary>GP practices the partnership knows by ODS code, for CLD's GP_Practice_Name.</summary>
    private async Task<IReadOnlyDictionary<string, string>> GpNames(CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.GpPractice).ToDictionaryAsync(o => o.OdsCode, o => o.Name, ct);

    private async Task<string> CouncilCode(CancellationToken ct) =>
        await db.Organisations.Where(o => o.Kind == OrganisationKind.Council).OrderBy(o => o.OdsCode).Select(o => o.OdsCode).FirstOrDefaultAsync(ct) ?? "";
}
