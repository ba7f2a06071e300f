using System.Net;
using Homeward.Access;
using Homeward.People;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.People;

/// <summary>
/// People are put on the map from their postcode (so their visits can be planned into rounds): the postcode's own
/// position, else its district's centre, else none; loaded from an ONS-style directory file; moved when they move.
/// </summary>
public sealed class PostcodeDirectoryTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The ONS Postcode Directory's shape: more columns than are used; 99.999999 where a postcode has no position.
    private const string Directory = """
        pcd,pcd2,pcds,dointr,doterm,lat,long
        ZA1 1AA,ZA1  1AA,ZA1 1AA,198001,,51.20000,-2.00000
        ZA1 1AB,ZA1  1AB,ZA1 1AB,198001,,51.30000,-2.20000
        ZA2 7XY,ZA2  7XY,ZA2 7XY,200102,,51.10000,-1.80000
        BAD,BAD,not a postcode,198001,,51.0,-2.0
        ZA3 1AA,ZA3  1AA,ZA3 1AA,198001,,99.999999,0.000000
        """;

    private async Task<(string PersonId, Guid Id)> Refer(string postcode)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var body = Bodies.HospitalDischarge();
        ((Dictionary<string, object?>)body["person"]!)["postcode"] = postcode;
        var referral = await (await hub.PostJson("/api/referrals", body)).Expect(HttpStatusCode.Created);
        var id = referral.GetProperty("person").Str("id");
        return (id, Guid.Parse(id));
    }

    private async Task<(double? Latitude, double? Longitude)> PositionOf(Guid id)
    {
        await using var db = app.Db();
        var p = await db.People.SingleAsync(x => x.Id == id, Ct);
        return (p.Latitude, p.Longitude);
    }

    [Fact]
    public async Task A_directory_loads_with_its_bad_rows_said_and_people_are_placed_by_postcode_or_district_and_moved_when_they_move()
    {
        // Referred before the directory is loaded: not on the map.
        var (_, early) = await Refer("za1 1aa");
        Assert.Equal((null, null), await PositionOf(early));

        PostcodeDirectory.ImportResult result;
        await using (var scope = app.Services.CreateAsyncScope())
            result = await scope.ServiceProvider.GetRequiredService<PostcodeDirectory>().Import(new StringReader(Directory), Ct);
        Assert.Equal((5, 3, 2, 1), (result.Rows, result.Imported, result.Skipped, result.PeoplePlaced));
        Assert.Equal(["Line 5: \"not a postcode\" is not a postcode.", "Line 6: ZA3 1AA has no position in the United Kingdom."], result.Problems);
        Assert.Equal((51.2, -2.0), await PositionOf(early));

        // A postcode the directory has; one it has not, in a district it knows (the district's centre); one in no known district.
        var (_, exact) = await Refer("ZA2 7XY");
        Assert.Equal((51.1, -1.8), await PositionOf(exact));
        var (personId, district) = await Refer("ZA1 9ZZ");
        Assert.Equal((51.25, -2.1), await PositionOf(district));
        var (_, nowhere) = await Refer("ZB9 9ZZ");
        Assert.Equal((null, null), await PositionOf(nowhere));

        // Moving house moves them on the map.
        var hub = await app.ClientFor(Role.HubCoordinator);
        var person = await (await hub.GetAsync($"/api/people/{personId}", Ct)).Expect(HttpStatusCode.OK);
        var input = Bodies.Person(person.Str("nhsNumber"));
        input["postcode"] = "ZA2 7XY";
        input["addressLine1"] = "4 New Road";
        await (await hub.PatchJson($"/api/people/{personId}", input, $"\"{person.GetProperty("version").GetInt32()}\"")).Expect(HttpStatusCode.OK);
        Assert.Equal((51.1, -1.8), await PositionOf(district));

        // A second load moves a postcode that was held, and adds nothing twice.
        await using (var scope = app.Services.CreateAsyncScope())
            result = await scope.ServiceProvider.GetRequiredService<PostcodeDirectory>().Import(new StringReader("pcds,lat,long\nZA1 1AA,51.21,-2.01\n"), Ct);
        Assert.Equal((1, 1, 0), (result.Rows, result.Imported, result.Skipped));
        await using var db = app.Db();
        Assert.Equal(3, await db.PostcodeLocations.CountAsync(Ct));
        Assert.Equal(51.21, (await db.PostcodeLocations.SingleAsync(p => p.Postcode == "ZA1 1AA", Ct)).Latitude);
    }

    [Fact]
    public async Task A_file_without_the_columns_it_needs_is_refused_with_what_is_missing_and_nothing_is_loaded()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<PostcodeDirectory>();
        var wrong = await Assert.ThrowsAsync<FormatException>(() => directory.Import(new StringReader("pcds,easting,northing\nZZ1 1AA,1,2\n"), Ct));
        Assert.Equal("The header row has no column for a latitude (lat), a longitude (long).", wrong.Message);
        var empty = await Assert.ThrowsAsync<FormatException>(() => directory.Import(new StringReader(""), Ct));
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
        await using var db = app.Db();
        Assert.False(await db.PostcodeLocations.AnyAsync(p => p.Postcode == "ZZ1 1AA", Ct));
    }
}
