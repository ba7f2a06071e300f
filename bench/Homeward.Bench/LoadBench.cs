using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Homeward.Demo;

namespace Homeward.Bench;

/// <summary>
/// Simulated users against a running Homeward (one instance or a load balancer in front of several), over HTTP:
/// <list type="bullet">
/// <item>hub coordinators: the board (default and filtered), Needs attention (their worklist), person search, and
/// the booking journey (a known person referred again, triaged, accepted, matched to a service, booked);</item>
/// <item>hospital discharge teams and care providers: their worklist (Your day) and person search.</item>
/// </list>
/// Each user waits 1 to 5 seconds between actions. Prints, per action, p50, p95, max and errors (any answer other
/// than the expected, or no answer), and errors in each 10 seconds, so that a drill shows when its clients suffered.
/// Every write the server acknowledged is appended to the acknowledgement file, for the drills to check that none was
/// lost. The server needs its limits raised for 200 users from one address (see bench/region.sh).
/// </summary>
public static class LoadBench
{
    private static readonly string[] Hub = ["hub@demo.homeward"];
    private static readonly string[] Others = ["discharge@demo.homeward", "provider@demo.homeward"];

    private sealed record Known(string NhsNumber, string GivenName, string FamilyName, string DateOfBirth, string AddressLine1, string Postcode);

    private sealed class Tally
    {
        public readonly ConcurrentBag<double> Milliseconds = [];
        public int Errors;
        public int Refused;
        public int RetryAfter;
        public string? FirstError;
    }

    public static async Task<int> Run(string baseUrl, int users, int seconds, string? ackFile)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), MaxConnectionsPerServer = 512 };
        var tokens = new string[users];
        var roles = new string[users];
        using (var setup = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) })
        {
            // Half are hub coordinators; the rest hospital discharge teams and care providers.
            for (var i = 0; i < users; i++)
            {
                roles[i] = i % 2 == 0 ? Hub[0] : Others[i / 2 % Others.Length];
                var response = await setup.PostAsJsonAsync("/api/auth/tokens", new { userName = roles[i], password = DemoAccounts.Password, name = $"load {i}", days = 1 });
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"sign-in {i} ({roles[i]}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return 1;
                }
                tokens[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            }
        }
        var known = await KnownPeople(handler, baseUrl, tokens[0]);
        var names = known.Select(k => k.FamilyName).Distinct().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# Load: {users} users for {seconds} s against {baseUrl}\nmachine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {known.Count} people to refer again, {names.Length} family names to search"));

        var tallies = new ConcurrentDictionary<string, Tally>();
        var errorsBySlot = new ConcurrentDictionary<int, int>();
        var requestsBySlot = new ConcurrentDictionary<int, int>();
        using var acks = ackFile is null ? null : new StreamWriter(ackFile, append: true) { AutoFlush = true };
        var ackLock = new Lock();
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var nextKnown = 0;

        async Task<HttpResponseMessage?> Timed(string action, Func<Task<HttpResponseMessage>> call, params HttpStatusCode[] refusals)
        {
            var tally = tallies.GetOrAdd(action, _ => new Tally());
            var slot = (int)(clock.Elapsed.TotalSeconds / 10);
            requestsBySlot.AddOrUpdate(slot, 1, (_, n) => n + 1);
            var watch = Stopwatch.StartNew();
            try
            {
                var response = await call();
                // The whole body is part of the time: a page is not seen until it has arrived.
                await response.Content.LoadIntoBufferAsync();
                watch.Stop();
                if (response.IsSuccessStatusCode)
                {
                    tally.Milliseconds.Add(watch.Elapsed.TotalMilliseconds);
                    return response;
                }
                if (refusals.Contains(response.StatusCode))
                {
                    Interlocked.Increment(ref tally.Refused);
                    return null;
                }
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
                    Interlocked.Increment(ref tally.RetryAfter);
                Fail(tally, slot, $"{(int)response.StatusCode} {Trim(await response.Content.ReadAsStringAsync())}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Fail(tally, slot, e.GetType().Name + ": " + e.Message);
            }
            return null;
        }

        void Fail(Tally tally, int slot, string why)
        {
            Interlocked.Increment(ref tally.Errors);
            errorsBySlot.AddOrUpdate(slot, 1, (_, n) => n + 1);
            Interlocked.CompareExchange(ref tally.FirstError, why, null);
        }

        void Ack(string what, string id)
        {
            if (acks is null)
                return;
            lock (ackLock)
                acks.WriteLine($"{what} {id}");
        }

        async Task Book(HttpClient http, Random random)
        {
            var person = known[Interlocked.Increment(ref nextKnown) % known.Count];
            var referral = await Timed("referral (POST /api/referrals)", () => http.PostAsJsonAsync("/api/referrals", new
            {
                person = new { nhsNumber = person.NhsNumber, givenName = person.GivenName, familyName = person.FamilyName, dateOfBirth = person.DateOfBirth, addressLine1 = person.AddressLine1, postcode = person.Postcode },
                route = "Community", source = "Gp", referrerName = "Load bench", reason = "Falls at home; managing less well",
            }), HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity);
            if (referral is null)
                return;
            var body = await referral.Content.ReadFromJsonAsync<JsonElement>();
            var episode = body.GetProperty("episode").GetProperty("id").GetString()!;
            Ack("referral", body.GetProperty("id").GetString()!);
            if (await Timed("triage and accept", () => Send(http, HttpMethod.Post, $"/api/episodes/{episode}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")) is null
                || await Timed("triage and accept", () => Send(http, HttpMethod.Post, $"/api/episodes/{episode}/accept", new { }, "\"2\"")) is null)
                return;
            var matches = await Timed("matches (GET /api/episodes/{id}/matches)", () => http.GetAsync($"/api/episodes/{episode}/matches"));
            if (matches is null)
                return;
            var fits = (await matches.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Where(m => m.GetProperty("fits").GetBoolean()).ToList();
            if (fits.Count == 0)
                return;
            var choice = fits[random.Next(fits.Count)];
            var booked = await Timed("booking (POST /api/episodes/{id}/bookings)", () => http.PostAsJsonAsync($"/api/episodes/{episode}/bookings", new
            {
                serviceId = choice.GetProperty("serviceId").GetString(), startDate = choice.GetProperty("earliestStart").GetString(),
                days = 14, visitsPerDayAtStart = 3, visitsPerDayAtEnd = 1, minutesPerVisit = 30,
            }), HttpStatusCode.Conflict);
            if (booked is not null)
                Ack("booking", (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        await Parallel.ForAsync(0, users, new ParallelOptions { MaxDegreeOfParallelism = users }, async (i, _) =>
        {
            using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
            var random = new Random(i);
            // Users arrive over the first ten seconds rather than all at once.
            await Task.Delay(random.Next(10_000));
            var hub = roles[i] == Hub[0];
            while (clock.Elapsed < deadline)
            {
                var roll = random.NextDouble();
                var name = names[random.Next(names.Length)];
                if (hub && roll < 0.25)
                    await Timed("board (/board)", () => http.GetAsync("/board"));
                else if (hub && roll < 0.35)
                    await Timed("board filtered (/board?pathway=P1&sort=Delay)", () => http.GetAsync("/board?pathway=P1&sort=Delay&desc=true"));
                else if (hub && roll < 0.60)
                    await Timed("worklist: hub (/attention)", () => http.GetAsync("/attention"));
                else if (hub && roll < 0.85)
                    await Timed("person search (/api/people?name=)", () => http.GetAsync($"/api/people?name={Uri.EscapeDataString(name)}"));
                else if (hub)
                    await Book(http, random);
                else if (roll < 0.6)
                    await Timed($"worklist: {(roles[i].StartsWith("discharge", StringComparison.Ordinal) ? "hospital team" : "provider")} (/home)", () => http.GetAsync("/home"));
                else
                    await Timed("person search (/api/people?name=)", () => http.GetAsync($"/api/people?name={Uri.EscapeDataString(name)}"));
                await Task.Delay(1000 + random.Next(4000));
            }
        });
        clock.Stop();

        var total = tallies.Values.Sum(t => t.Milliseconds.Count + t.Errors + t.Refused);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests: {total:N0} in {clock.Elapsed.TotalSeconds:F0} s ({total / clock.Elapsed.TotalSeconds:F1} a second)"));
        foreach (var (action, tally) in tallies.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var sorted = tally.Milliseconds.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{action}: {sorted.Length:N0} answered, p50 {Percentile(sorted, 0.5):F0} ms, p95 {Percentile(sorted, 0.95):F0} ms, max {(sorted.Length > 0 ? sorted[^1] : 0):F0} ms; errors {tally.Errors}{(tally.RetryAfter > 0 ? $" (503 with Retry-After: {tally.RetryAfter})" : "")}{(tally.Refused > 0 ? $", refused as expected (no capacity, or already referred) {tally.Refused}" : "")}{(tally.FirstError is { } e ? $" (first: {e})" : "")}"));
        }
        var slots = requestsBySlot.Keys.Order().ToList();
        Console.WriteLine("errors a 10 s (from the start): " + string.Join(" ", slots.Select(s => errorsBySlot.GetValueOrDefault(s).ToString(CultureInfo.InvariantCulture))));
        Console.WriteLine("requests a 10 s:                 " + string.Join(" ", slots.Select(s => requestsBySlot[s].ToString(CultureInfo.InvariantCulture))));
        return 0;
    }

    private static async Task<List<Known>> KnownPeople(SocketsHttpHandler handler, string baseUrl, string token)
    {
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var known = new List<Known>();
        foreach (var name in new[] { "smith", "jones", "taylor", "brown", "williams", "wilson", "johnson", "davies", "robinson", "wright", "thompson", "evans", "walker", "white", "roberts", "green", "hall", "wood", "jackson", "clarke" })
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/people?name={name}&pageSize=100");
            foreach (var p in page.GetProperty("items").EnumerateArray())
            {
                if (p.GetProperty("openEpisodes").GetInt32() > 0)
                    continue;
                var full = p.GetProperty("name").GetString()!;
                var space = full.IndexOf(' ', StringComparison.Ordinal);
                var address = p.GetProperty("address").GetString()!;
                known.Add(new Known(p.GetProperty("nhsNumber").GetString()!, full[..space], full[(space + 1)..], p.GetProperty("dateOfBirth").GetString()!,
                    address.Split(',')[0], p.GetProperty("postcode").GetString()!));
            }
        }
        if (known.Count == 0)
            throw new InvalidOperationException("Nobody found to refer again: is the demo county loaded?");
        return known;
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string url, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return http.SendAsync(request);
    }

    private static string Trim(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length > 120 ? text[..120] : text;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
