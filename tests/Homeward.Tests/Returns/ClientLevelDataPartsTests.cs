using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Demo;
using Homeward.Figures;
using Homeward.Returns.ClientLevelData;
using Homeward.Tests.Support;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Returns;

/// <summary>
/// Client Level Data reads only the parts of the facts it needs (<see cref="FactParts.ClientLevelData"/>), from the
/// period's first day: the file it builds from them is the file it builds from all of them read from 91 days before, on
/// a demo county's records.
/// </summary>
public sealed class ClientLevelDataPartsTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_file_from_the_parts_it_reads_is_the_file_from_all_the_facts()
    {
        var today = new DateOnly(2026, 11, 20);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoCounty>().GenerateAsync(new DemoCounty.Options(DemoSize.Small, Seed: 3, Today: today), ct: Ct);
        var year = ClientLevelData.RollingYear(today);
        // The demo writes its records directly, without bookings: book a few of its reablement episodes, so the file
        // names the service that took them (read from the bookings part).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HomewardDb>();
            var team = await db.CareServices.FirstAsync(s => s.Kind == ServiceKind.ReablementTeam, Ct);
            var started = London.At(year.From, TimeOnly.MinValue);
            foreach (var e in await db.Episodes.Where(e => e.Service == Service.Reablement && e.StartedAt >= started).OrderBy(e => e.Id).Take(20).ToListAsync(Ct))
            {
                var booking = new Booking
                {
                    EpisodeId = e.Id, PersonId = e.PersonId, ServiceId = team.Id, Kind = BookingKind.VisitPattern, StartDate = London.DateOf(e.StartedAt!.Value),
                    EndDate = London.DateOf(e.StartedAt!.Value).AddDays(42), CreatedAt = e.StartedAt!.Value, CreatedBy = "test",
                };
                booking.Accept(e.StartedAt!.Value);
                db.Bookings.Add(booking);
            }
            await db.SaveChangesAsync(Ct);
        }
        await using var reading = app.Services.CreateAsyncScope();
        var load = reading.ServiceProvider.GetRequiredService<LoadFacts>();

        // All the facts from 91 days before the period (as the other returns read them), and only Client Level Data's
        // parts from the period's first day (as it reads them).
        var all = await load.Handle(year.From.AddDays(-91), FactParts.All, Ct);
        var some = await load.Handle(year.From, FactParts.ClientLevelData, Ct);

        var gps = new Dictionary<string, string>();
        var fromAll = ClientLevelData.Build(all, year, "ZWV", gps);
        var fromSome = ClientLevelData.Build(some, year, "ZWV", gps);
        Assert.True(fromAll.Rows.Count > 1_000, $"{fromAll.Rows.Count} rows");
        Assert.Contains(fromAll.Rows, r => r[CldSpecification.Column("Event_Type")] == CldSpecification.EventTypes.Review);
        Assert.Contains(fromAll.Rows, r => r[CldSpecification.Column("Event_Description")].Length > 0);
        Assert.Equal(fromAll.Rows.Select(r => string.Join('|', r)), fromSome.Rows.Select(r => string.Join('|', r)));
        Assert.Equal(CldValidator.Check(fromAll), CldValidator.Check(fromSome));
        // The parts left out are left empty, not half-read.
        Assert.Contains(all, f => f.BarthelStart is not null);
        Assert.All(some, f => Assert.Null(f.BarthelStart));
    }
}
