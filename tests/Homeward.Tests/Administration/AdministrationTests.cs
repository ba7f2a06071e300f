using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Homeward.Access;
using Homeward.Administration;
using Homeward.Demo;
using Homeward.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Administration;

/// <summary>
/// The Administration area through the API: every rule of each record (all problems at once, nothing half-saved),
/// If-Match, the audit trail, localities placing people from their postcodes, and users whose access stops at once.
/// </summary>
public sealed class AdministrationTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> Admin() => app.ClientFor(Role.SystemAdministrator);

    private static string Code(string prefix) => prefix + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();

    [Fact]
    public async Task An_administrator_sees_no_records_and_nobody_else_administers()
    {
        var admin = await Admin();
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/board", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostJson("/api/referrals", Bodies.HospitalDischarge())).StatusCode);
        foreach (var role in new[] { Role.Manager, Role.HubCoordinator, Role.PrivacyOfficer })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(role)).GetAsync("/api/admin/setup", Ct)).StatusCode);
        await (await admin.GetAsync("/api/admin/setup", Ct)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_organisation_is_refused_with_every_problem_at_once_and_kept_by_its_ODS_code()
    {
        var admin = await Admin();
        var bad = await (await admin.PostJson("/api/admin/organisations", new { odsCode = "x!", name = " ", kind = "Hospital" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "name", "odsCode"], bad.ErrorFields().Order());

        var ods = Code("X");
        var made = await admin.PostJson("/api/admin/organisations", new { odsCode = ods.ToLowerInvariant(), name = "Test Trust", kind = "AcuteTrust" });
        var body = await made.Expect(HttpStatusCode.Created);
        var id = body.GetProperty("record").Str("id");
        Assert.Equal(ods, body.GetProperty("record").Str("odsCode"));
        Assert.Equal("\"1\"", made.Headers.ETag!.Tag);
        var again = await (await admin.PostJson("/api/admin/organisations", new { odsCode = ods, name = "Again", kind = "AcuteTrust" })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["odsCode"], again.ErrorFields());

        var change = new { odsCode = ods, name = "Test Trust (renamed)", kind = "AcuteTrust" };
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await admin.PutJson($"/api/admin/organisations/{id}", change)).StatusCode);
        var changed = await (await admin.PutJson($"/api/admin/organisations/{id}", change, "\"1\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(["name"], changed.GetProperty("changed").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.PutJson($"/api/admin/organisations/{id}", change, "\"1\"")).StatusCode);
        // The same again changes nothing: no new version, no audit row.
        var same = await (await admin.PutJson($"/api/admin/organisations/{id}", change, "\"2\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, same.GetProperty("changed").GetArrayLength());
        var renumbered = await (await admin.PutJson($"/api/admin/organisations/{id}", change with { odsCode = "ZZZ" }, "\"2\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["odsCode"], renumbered.ErrorFields());

        await using var db = app.Db();
        Assert.Equal(["organisation.create", "organisation.update"],
            await db.AuditEntries.Where(a => a.EntityId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task Localities_place_people_from_their_postcodes_the_closest_rule_first_and_move_them_when_the_rules_change()
    {
        var admin = await Admin();
        var (north, south) = (Code("North "), Code("South "));
        var bad = await (await admin.PostJson("/api/admin/localities", new { name = north, population = 1000, postcodes = new[] { "YX1", "YX", "nonsense!", "" } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["postcodes[2]", "postcodes[3]"], bad.ErrorFields().Order());
        var northId = (await (await admin.PostJson("/api/admin/localities", new { name = north, population = 1000, postcodes = new[] { "yx" } })).Expect(HttpStatusCode.Created))
            .GetProperty("record").Str("id");
        var southBody = await (await admin.PostJson("/api/admin/localities", new { name = south, postcodes = new[] { "YX9 1" } })).Expect(HttpStatusCode.Created);
        Assert.Equal("YX9 1", southBody.GetProperty("record").GetProperty("postcodes")[0].GetString());
        var clash = await (await admin.PostJson("/api/admin/localities", new { name = Code("West "), postcodes = new[] { "YX" } })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(north, clash.GetProperty("errors").GetProperty("postcodes[0]")[0].GetString(), StringComparison.Ordinal);

        var hub = await app.ClientFor(Role.HubCoordinator);
        async Task<string> Refer(string postcode)
        {
            var body = Bodies.HospitalDischarge();
            ((Dictionary<string, object?>)body["person"]!)["postcode"] = postcode;
            return (await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created)).GetProperty("person").Str("id");
        }
        var inNorth = await Refer("YX9 2AB");
        var inSouth = await Refer("yx91ab");
        await using (var db = app.Db())
        {
            Assert.Equal(Guid.Parse(northId), await db.People.Where(p => p.Id == Guid.Parse(inNorth)).Select(p => p.LocalityId).SingleAsync(Ct));
            Assert.Equal(Guid.Parse(southBody.GetProperty("record").Str("id")), await db.People.Where(p => p.Id == Guid.Parse(inSouth)).Select(p => p.LocalityId).SingleAsync(Ct));
        }

        // The whole of YX9 moves to the south: the north's person there moves with it.
        var moved = await (await admin.PutJson($"/api/admin/localities/{southBody.GetProperty("record").Str("id")}", new { name = south, postcodes = new[] { "YX9" } }, "\"1\""))
            .Expect(HttpStatusCode.OK);
        Assert.True(moved.GetProperty("record").GetProperty("peopleMoved").GetInt32() >= 1);
        await using (var db = app.Db())
            Assert.Equal(Guid.Parse(southBody.GetProperty("record").Str("id")), await db.People.Where(p => p.Id == Guid.Parse(inNorth)).Select(p => p.LocalityId).SingleAsync(Ct));
    }

    [Fact]
    public async Task A_service_names_every_unknown_organisation_and_locality_and_keeps_its_kind()
    {
        var admin = await Admin();
        var name = Code("Team ");
        var bad = await (await admin.PostJson("/api/admin/services", new
        {
            name, organisation = "NOPE1", kind = "Spaceship", pathway = "P9", localities = new[] { "Atlantis" }, dailyCapacity = -1, opensOn = "2027-02-01", closesOn = "2027-01-01",
            skills = new[] { "medication", "juggling" },
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["closesOn", "dailyCapacity", "kind", "localities[0]", "organisation", "pathway", "skills[1]"], bad.ErrorFields().Order());

        var locality = Code("Area ");
        await (await admin.PostJson("/api/admin/localities", new { name = locality })).Expect(HttpStatusCode.Created);
        var made = await (await admin.PostJson("/api/admin/services", new
        {
            name, organisation = "ZWV", kind = "ReablementTeam", pathway = "P1", localities = new[] { locality }, dailyCapacity = 30, costPerDay = 125.5, commissioned = false,
        })).Expect(HttpStatusCode.Created);
        Assert.Equal(30, made.GetProperty("record").GetProperty("dailyCapacity").GetInt32());
        var id = made.GetProperty("record").Str("id");
        await using (var db = app.Db())
            Assert.Equal(30 * 60, await db.CareServices.Where(s => s.Id == Guid.Parse(id)).Select(s => s.DefaultDailyCapacity).SingleAsync(Ct));
        var rekind = await (await admin.PutJson($"/api/admin/services/{id}", new
        {
            name, organisation = "ZWV", kind = "CareHome", pathway = "P1", localities = new[] { locality }, dailyCapacity = 30,
        }, "\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["kind"], rekind.ErrorFields());
    }

    [Fact]
    public async Task A_service_gives_no_capacity_before_it_opens_and_is_not_booked_outside_its_dates()
    {
        var admin = await Admin();
        var hub = await app.ClientFor(Role.HubCoordinator);
        var name = Code("Beds ");
        var opens = DateTime.UtcNow.Date.AddDays(30);
        var made = await (await admin.PostJson("/api/admin/services", new
        {
            name, organisation = "ZWC", kind = "CommunityBedUnit", pathway = "P2", localities = new[] { Code("Area ") }, dailyCapacity = 5,
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["localities[0]"], made.ErrorFields());
        var locality = Code("Area ");
        await (await admin.PostJson("/api/admin/localities", new { name = locality })).Expect(HttpStatusCode.Created);
        var service = (await (await admin.PostJson("/api/admin/services", new
        {
            name, organisation = "ZWC", kind = "CommunityBedUnit", pathway = "P2", localities = new[] { locality }, dailyCapacity = 5,
            opensOn = opens.ToString("yyyy-MM-dd"),
        })).Expect(HttpStatusCode.Created)).GetProperty("record").Str("id");

        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge())).Expect(HttpStatusCode.Created);
        var episode = referral.GetProperty("episode").Str("id");
        await (await hub.PostJson($"/api/episodes/{episode}/triage", new { service = "BedBasedIntermediateCare", pathway = "P2", nonHomeReason = "Needs a bed" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"/api/episodes/{episode}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        var match = (await (await hub.GetAsync($"/api/episodes/{episode}/matches", Ct)).Expect(HttpStatusCode.OK)).EnumerateArray().Single(m => m.Str("serviceId") == service);
        Assert.False(match.GetProperty("fits").GetBoolean());
        Assert.Contains(match.GetProperty("whyNot").EnumerateArray(), w => w.GetString()!.StartsWith("opens on", StringComparison.Ordinal));
        Assert.All(match.GetProperty("days").EnumerateArray(), d => Assert.Equal(0, d.GetProperty("capacity").GetInt32()));

        var early = await (await hub.PostJson($"/api/episodes/{episode}/bookings", new { serviceId = service, startDate = DateTime.UtcNow.Date.AddDays(28).ToString("yyyy-MM-dd"), days = 5 }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["startDate"], early.ErrorFields());
        await (await hub.PostJson($"/api/episodes/{episode}/bookings", new { serviceId = service, startDate = opens.ToString("yyyy-MM-dd"), days = 5 }))
            .Expect(HttpStatusCode.Created);

        // It cannot close while she is booked after the closing day.
        var close = await (await admin.PutJson($"/api/admin/services/{service}", new
        {
            name, organisation = "ZWC", kind = "CommunityBedUnit", pathway = "P2", localities = new[] { locality }, dailyCapacity = 5,
            opensOn = opens.ToString("yyyy-MM-dd"), closesOn = opens.AddDays(2).ToString("yyyy-MM-dd"),
        }, "\"1\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["closesOn"], close.ErrorFields());
    }

    [Fact]
    public async Task A_deactivated_user_stops_at_once_and_wrong_passwords_from_anyone_never_stop_a_token()
    {
        var admin = await Admin();
        var userName = $"{Guid.NewGuid():N}@trust.example";
        var made = await (await admin.PostJson("/api/admin/users", new { userName, displayName = "Test Person", role = "HubCoordinator", organisation = "ZWV" }))
            .Expect(HttpStatusCode.Created);
        var id = made.GetProperty("user").Str("id");
        var link = made.Str("setPasswordLink");
        Assert.Contains("/account/set-password?user=", link, StringComparison.Ordinal);

        // Give them a password as the link's page would, then a token.
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HomewardUser>>();
            var user = (await users.FindByIdAsync(id))!;
            var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
            Assert.True((await users.ResetPasswordAsync(user, token, "A-good-long-passw0rd!")).Succeeded);
            Assert.False((await users.ResetPasswordAsync(user, token, "Another-long-passw0rd!")).Succeeded, "a link works once");
        }
        var client = app.CreateClient();
        var issued = await (await client.PostAsJsonAsync("/api/auth/tokens", new { userName, password = "A-good-long-passw0rd!" }, Ct)).Expect(HttpStatusCode.OK);
        var theirs = app.CreateClient();
        theirs.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Str("token"));
        await (await theirs.GetAsync("/api/board", Ct)).Expect(HttpStatusCode.OK);

        // Anyone's wrong passwords lock interactive sign-in, not the token.
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/tokens", new { userName, password = "wrong-wrong-wrong" }, Ct)).StatusCode);
        await (await theirs.GetAsync("/api/board", Ct)).Expect(HttpStatusCode.OK);
        var setup = await (await admin.GetAsync("/api/admin/setup", Ct)).Expect(HttpStatusCode.OK);
        Assert.True(setup.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("user").Str("id") == id).GetProperty("user").GetProperty("lockedOut").GetBoolean());
        await (await admin.PostAsync($"/api/admin/users/{id}/unlock", null, Ct)).Expect(HttpStatusCode.NoContent);
        await (await client.PostAsJsonAsync("/api/auth/tokens", new { userName, password = "A-good-long-passw0rd!" }, Ct)).Expect(HttpStatusCode.OK);

        await (await admin.PostAsync($"/api/admin/users/{id}/deactivate", null, Ct)).Expect(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await theirs.GetAsync("/api/board", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/tokens", new { userName, password = "A-good-long-passw0rd!" }, Ct)).StatusCode);
        await (await admin.PostAsync($"/api/admin/users/{id}/reactivate", null, Ct)).Expect(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await theirs.GetAsync("/api/board", Ct)).StatusCode); // its tokens stay revoked
        await (await client.PostAsJsonAsync("/api/auth/tokens", new { userName, password = "A-good-long-passw0rd!" }, Ct)).Expect(HttpStatusCode.OK);

        await using var db = app.Db();
        Assert.Equal(["user.create", "user.reset-password", "user.unlock", "user.deactivate", "user.reactivate"],
            await db.AuditEntries.Where(a => a.EntityId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_users_further_roles_change_one_by_one()
    {
        var admin = await Admin();
        var userName = $"{Guid.NewGuid():N}@trust.example";
        object Body(params (string Role, string Organisation)[] profiles) => new
        {
            userName, displayName = "Two Hats", role = "RapidResponseClinician", organisation = "ZWC",
            profiles = profiles.Select(p => new { role = p.Role, organisation = p.Organisation }).ToArray(),
        };
        var made = await (await admin.PostJson("/api/admin/users", Body(("HubCoordinator", "ZWV"), ("Manager", "ZWV")))).Expect(HttpStatusCode.Created);
        var id = made.GetProperty("user").Str("id");
        Assert.Equal(2, made.GetProperty("user").GetProperty("profiles").GetArrayLength());
        var kept = await (await admin.PutJson($"/api/admin/users/{id}", Body(("HubCoordinator", "ZWV")), "\"1\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(["profiles"], kept.GetProperty("changed").EnumerateArray().Select(c => c.GetString()));
        var swapped = await (await admin.PutJson($"/api/admin/users/{id}", Body(("HubCoordinator", "ZWV"), ("CareProvider", "ZP1")), "\"2\"")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, swapped.GetProperty("record").GetProperty("profiles").GetArrayLength());
        await using var db = app.Db();
        Assert.Equal([Role.CareProvider, Role.HubCoordinator], await db.RoleProfiles.Where(p => p.UserId == id).Select(p => p.Role).OrderBy(r => r).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_user_is_refused_with_every_problem_and_the_last_administrator_cannot_be_lost()
    {
        var admin = await Admin();
        var bad = await (await admin.PostJson("/api/admin/users", new
        {
            userName = "not-an-email", displayName = "", role = "Wizard", organisation = "NOPE1", profiles = new[] { new { role = "Manager", organisation = "NOPE2" } },
            password = "short",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["displayName", "organisation", "password", "profiles[0].organisation", "role", "userName"], bad.ErrorFields().Order());

        await using var db = app.Db();
        var self = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "admin@demo.homeward", Ct);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/admin/users/{self.Id}/deactivate", null, Ct)).StatusCode);
        var demote = await (await admin.PutJson($"/api/admin/users/{self.Id}", new
        {
            userName = self.UserName, displayName = self.DisplayName, role = "Manager", organisation = "ZWV",
        }, $"\"{self.Version}\"")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["role"], demote.ErrorFields());
    }

    [Fact]
    public async Task The_set_up_file_applies_whole_says_what_it_changed_and_a_rerun_changes_nothing()
    {
        var admin = await Admin();
        var yaml = File.ReadAllText(Path.Combine(Repository.Root, "docs", "examples", "partnership.yaml"));
        var first = await (await admin.PostJson("/api/admin/setup", new { yaml })).Expect(HttpStatusCode.OK);
        Assert.True(first.GetProperty("applied").GetBoolean());
        var lines = first.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(21, lines.Count);
        // The demo's partnership is renamed; everything else is new.
        Assert.Equal("changed name, council, phone", lines[6].Str("said"));
        Assert.All(lines.Where((_, i) => i != 6), l => Assert.Equal("created", l.Str("said")));
        Assert.Equal(3, first.GetProperty("invitations").GetArrayLength());

        var second = await (await admin.PostJson("/api/admin/setup", new { yaml })).Expect(HttpStatusCode.OK);
        Assert.All(second.GetProperty("lines").EnumerateArray(), l => Assert.Equal("unchanged", l.Str("said")));
        Assert.Equal(0, second.GetProperty("invitations").GetArrayLength());

        var edited = yaml.Replace("dailyCapacity: 60 ", "dailyCapacity: 65 ", StringComparison.Ordinal);
        var check = await (await admin.PostJson("/api/admin/setup?check=true", new { yaml = edited })).Expect(HttpStatusCode.OK);
        Assert.Equal("changed dailyCapacity", check.GetProperty("lines").EnumerateArray().Single(l => l.Str("key") == "North reablement team").Str("said"));
        await using (var db = app.Db())
            Assert.Equal(60 * 60, await db.CareServices.Where(s => s.Name == "North reablement team").Select(s => s.DefaultDailyCapacity).SingleAsync(Ct));

        // A file with problems: each said by its line, and nothing of it applied (not even its good records).
        var broken = edited.Replace("kind: CommunityTrust", "kind: Hospital", StringComparison.Ordinal)
                     + "\n  - odsCode: XNEW1\n    name: A new provider\n    kind: CareProvider\n";
        broken = broken.Replace("users:", "organisations2: []\nusers:", StringComparison.Ordinal)
            .Replace("    costPerDay: 150", "    costPerDai: 150", StringComparison.Ordinal);
        var refused = await (await admin.PostJson("/api/admin/setup", new { yaml = broken })).Expect(HttpStatusCode.BadRequest);
        var problems = refused.GetProperty("errors").GetProperty("yaml").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("Line 21: organisation XHT: kind:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'organisations2' is not a section", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'costPerDai' is not a field", StringComparison.Ordinal));
        await using (var db = app.Db())
        {
            Assert.Equal(60 * 60, await db.CareServices.Where(s => s.Name == "North reablement team").Select(s => s.DefaultDailyCapacity).SingleAsync(Ct));
            Assert.False(await db.Organisations.AnyAsync(o => o.OdsCode == "XNEW1", Ct));
        }
        var notYaml = await (await admin.PostJson("/api/admin/setup", new { yaml = "organisations: [ {odsCode: X" })).Expect(HttpStatusCode.BadRequest);
        Assert.Matches(@"^Line \d+: the file is not valid YAML", notYaml.GetProperty("errors").GetProperty("yaml")[0].GetString());
    }

    [Fact]
    public void Off_the_demo_the_published_password_is_refused()
    {
        var off = new Homeward.Web.Auth.DemoPassword(false);
        Assert.True(off.Refused(DemoAccounts.Password));
        Assert.False(off.Refused("Something-else-2026!"));
        Assert.False(new Homeward.Web.Auth.DemoPassword(true).Refused(DemoAccounts.Password));
    }

    [Theory]
    [InlineData("NV1 2AB", "NV1 2")]
    [InlineData("nv13ab", "NV1")]
    [InlineData("NV12 1AB", "NV")]
    [InlineData("NV9 9ZZ", "NV")]
    [InlineData("EC1A 1BB", "EC1A")]
    public void The_closest_postcode_rule_wins(string postcode, string expected)
    {
        var localities = new[] { "NV", "NV1", "NV1 2", "EC1A" }.Select(r => new Locality { Name = r, Postcodes = [r] }).ToList();
        var found = LocalityRules.LocalityOf(Homeward.People.Postcode.Parse(postcode), localities);
        Assert.Equal(expected, localities.Single(l => l.Id == found).Name);
        Assert.Null(LocalityRules.LocalityOf(Homeward.People.Postcode.Parse("BA1 1AA"), localities));
    }
}
