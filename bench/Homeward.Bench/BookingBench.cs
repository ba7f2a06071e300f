using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Data;
using Homeward.Demo;
using Homeward.Triage;
using Homeward.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Bench;

/// <summary>
/// Bookings per second under concurrent load, through the real API on Kestrel: many clients book beds
/// and visit patterns at once into scarce capacity; afterwards every day is checked for double-booking
/// (booked beyond capacity, or a ledger that disagrees with the bookings that hold it).
/// </summary>
internal static class BookingBench
{
    private const int People = 1_500;
    private const int Clients = 16;

    public static async Task Run(string provider, string? connection)
    {
        await Phase(provider, connection, beds: 6, carerHours: 40, label: "scarce");
        await Phase(provider, connection is null ? null : connection.Replace("homeward_bench", "homeward_bench2"), beds: 2_000, carerHours: 5_000, label: "abundant");
    }

    private static async Task Phase(string provider, string? connection, int beds, int carerHours, string label)
    {
        var file = Path.Combine(Path.GetTempPath(), $"homeward-booking-{Guid.NewGuid():N}.db");
        connection ??= $"Data Source={file}";
        var app = await BenchApp.Start(provider, connection);

        // Scarce capacity: 4 bed units of 6 beds and 4 teams of 40 carer hours, for many more people than fit.
        List<CareService> services;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HomewardDb>();
            var org = await db.Organisations.Where(o => o.OdsCode == "ZWC").Select(o => o.Id).SingleAsync();
            services = [.. Enumerable.Range(1, 4).Select(i => new CareService { Name = $"Bed unit {i}", Kind = ServiceKind.CommunityBedUnit, Pathway = Pathway.P2, DefaultDailyCapacity = beds, OrganisationId = org }),
                .. Enumerable.Range(1, 4).Select(i => new CareService { Name = $"Team {i}", Kind = ServiceKind.ReablementTeam, Pathway = Pathway.P1, DefaultDailyCapacity = carerHours * 60, OrganisationId = org })];
            db.CareServices.AddRange(services);
            await db.SaveChangesAsync();
        }

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var token = await (await http.PostAsJsonAsync("/api/auth/tokens", new { userName = "hub@demo.homeward", password = DemoAccounts.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());

        var random = new Random(7);
        var episodes = new (string Id, bool Bed)[People];
        await Parallel.ForAsync(0, People, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var bed = i % 3 == 0;
            var nhs = NhsNumberFor(i);
            var referral = await Post(http, "/api/referrals", new
            {
                person = new { nhsNumber = nhs, givenName = "Bench", familyName = $"Person{i}", dateOfBirth = "1940-01-01", addressLine1 = "1 Mill Lane", postcode = "NV1 2AB" },
                route = "Community", source = "Gp", referrerName = "Bench", reason = "Load test",
            }, null);
            var id = referral.GetProperty("episode").GetProperty("id").GetString()!;
            await Post(http, $"/api/episodes/{id}/triage", bed
                ? new { service = "BedBasedIntermediateCare", pathway = "P2", nonHomeReason = "Bench" }
                : (object)new { service = "Reablement", pathway = "P1", nonHomeReason = (string?)null }, "\"1\"");
            await Post(http, $"/api/episodes/{id}/accept", new { }, "\"2\"");
            episodes[i] = (id, bed);
        });

        var requests = episodes.Select((e, i) =>
        {
            var pool = services.Where(s => (s.Unit == CapacityUnit.Beds) == e.Bed).ToList();
            var service = pool[i % pool.Count];
            return (e.Id, Body: (object)new { serviceId = service.Id, startDate = DateTime.UtcNow.Date.AddDays(i % 7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                days = 3 + i % 10, visitsPerDayAtStart = 3, visitsPerDayAtEnd = 1, minutesPerVisit = 30 });
        }).ToArray();

        int created = 0, refused = 0, other = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (r, ct) =>
        {
            var response = await http.PostAsJsonAsync($"/api/episodes/{r.Id}/bookings", r.Body, ct);
            if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref created);
            else if (response.StatusCode == HttpStatusCode.Conflict) Interlocked.Increment(ref refused);
            else Interlocked.Increment(ref other);
        });
        watch.Stop();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HomewardDb>();
            var days = await db.CapacityDays.AsNoTracking().ToListAsync();
            var held = await (from d in db.BookingDays join b in db.Bookings on d.BookingId equals b.Id
                              where b.Status == BookingStatus.Offered || b.Status == BookingStatus.Accepted
                              group d by new { b.ServiceId, d.Date } into g
                              select new { g.Key.ServiceId, g.Key.Date, Amount = g.Sum(x => x.Amount) }).ToListAsync();
            var ledger = held.ToDictionary(h => (h.ServiceId, h.Date), h => h.Amount);
            var over = days.Count(d => d.Booked > d.Capacity);
            var mismatched = days.Count(d => d.Booked != ledger.GetValueOrDefault((d.ServiceId, d.Date)));
            var full = days.Count(d => d.Free == 0 || d.Booked * 10 >= d.Capacity * 9);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                # Booking under concurrent load ({provider}, {label} capacity)
                machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; date: {DateTime.UtcNow:yyyy-MM-dd}
                requests: {requests.Length} from {Clients} concurrent clients over the REST API, into 4 bed units ({beds} beds) and 4 teams ({carerHours} carer hours a day)
                booked: {created}, refused for lack of capacity (409): {refused}, other answers: {other}
                time: {watch.Elapsed.TotalSeconds:F1} s; {requests.Length / watch.Elapsed.TotalSeconds:F0} booking requests/s, {created / watch.Elapsed.TotalSeconds:F0} bookings made/s
                capacity days: {days.Count}, of which at or above 90% booked: {full}
                double-bookings: days booked beyond capacity {over}; days whose ledger disagrees with the bookings holding them {mismatched}
                """));
        }
        await app.StopAsync();
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var s in new[] { "", "-wal", "-shm" })
                File.Delete(file + s);
        }
    }

    private static async Task<JsonElement> Post(HttpClient http, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string NhsNumberFor(int i)
    {
        for (var n = i * 11; ; n++)
        {
            var nine = "999" + (n % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            if (Homeward.People.NhsNumber.CheckDigit(nine) is { } check)
                return nine + check;
        }
    }
}
