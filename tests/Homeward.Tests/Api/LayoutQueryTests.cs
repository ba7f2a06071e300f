using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;

namespace Homeward.Tests.Api;

/// <summary>
/// Every page's header (the organisation, other profiles, emergency access) is not asked of the database on every
/// page: once asked, it is kept a while; emergency access opened is shown on the very next page.
/// </summary>
public sealed class LayoutQueryTests(LoggedApiFactory app) : IClassFixture<LoggedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private List<string> Commands() => app.Commands();

    [Fact]
    public async Task A_second_page_asks_nothing_of_the_database_for_its_header()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        (await hub.GetAsync("/attention", Ct)).EnsureSuccessStatusCode();
        Assert.Contains(Commands(), c => c.Contains("FROM \"Organisations\"", StringComparison.Ordinal) && c.Contains("\"Id\" = @", StringComparison.Ordinal));

        app.Log.Entries.Clear();
        (await hub.GetAsync("/board", Ct)).EnsureSuccessStatusCode();

        var commands = Commands();
        Assert.NotEmpty(commands); // the board itself
        // The header's own questions: one organisation by id, the person's profiles (the board lists every organisation for its filter).
        var header = commands.Where(c => c.Contains("FROM \"Organisations\"", StringComparison.Ordinal) && c.Contains("\"Id\" = @", StringComparison.Ordinal)
                                         || c.Contains("\"RoleProfiles\"", StringComparison.Ordinal)).ToList();
        Assert.True(header.Count == 0, string.Join("\n\n", header));
    }

    [Fact]
    public async Task Emergency_access_opened_shows_on_the_next_page()
    {
        var discharge = await app.ClientFor(Role.HospitalDischargeTeam);
        var page = await (await discharge.GetAsync("/board", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("data-testid=\"emergency-open\"", page, StringComparison.Ordinal);

        var hub = await app.ClientFor(Role.HubCoordinator);
        var referral = await (await hub.PostJson("/api/referrals", Bodies.UrgentCommunityResponse())).Expect(HttpStatusCode.Created);
        await (await discharge.PostJson("/api/break-glass", new
        {
            nhsNumber = referral.GetProperty("person").Str("nhsNumber"), reason = "Admitted unconscious; need the care record now", minutes = "30",
        })).Expect(HttpStatusCode.Created);

        page = await (await discharge.GetAsync("/board", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-testid=\"emergency-open\"", page, StringComparison.Ordinal);
    }
}
