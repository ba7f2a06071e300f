using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;

namespace Homeward.Tests.Api;

/// <summary>
/// Dates at the ends of the calendar in query strings and pages: refused with a 400 that names the field, never a 500
/// (adding a day to 9999-12-31 overflows).
/// </summary>
public sealed class ExtremeDateTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Urls() => new()
    {
        { "/api/figures?from=2026-01-01&to=9999-12-31", "to" },
        { "/api/figures?from=0001-01-01&to=2026-01-01", "from" },
        { "/api/figures/DelayDays/people?from=2026-01-01&to=9999-12-31", "to" },
        { "/api/returns/ascof-2a?from=2026-01-01&to=9999-12-31", "to" },
        { "/api/returns/cld?from=0001-01-01&to=0001-12-31", "from" },
        { "/api/returns/weekly-intermediate-care?from=9999-12-20&to=9999-12-31", "from" },
        { "/api/visits?date=9999-12-31", "date" },
        { "/api/audit?from=2026-01-01&to=9999-12-31", "to" },
        { "/api/referrals?receivedFrom=2026-01-01&receivedTo=9999-12-31", "receivedTo" },
        { "/api/rotas?date=9999-12-31", "date" },
        { "/api/rotas/mine?date=9999-12-31", "date" },
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task A_date_at_the_end_of_the_calendar_is_refused_by_name(string url, string field)
    {
        var manager = await app.ClientFor(url.Contains("/rotas", StringComparison.Ordinal) ? Role.HubCoordinator : Role.Manager);
        var response = await manager.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {text}");
        Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        Assert.Contains("between 1 January 1900 and 31 December 2199", text, StringComparison.Ordinal);
    }
}
