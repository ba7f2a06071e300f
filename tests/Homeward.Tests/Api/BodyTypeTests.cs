using System.Net;
using System.Text;
using Homeward.Access;
using Homeward.Tests.Support;

namespace Homeward.Tests.Api;

/// <summary>A JSON body with values of the wrong type: every one named at once, not just the first the reader met.</summary>
public sealed class BodyTypeTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> Post(string url, string json)
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        return await hub.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
    }

    [Fact]
    public async Task Every_value_of_the_wrong_type_is_named_with_what_it_should_be()
    {
        var problem = await (await Post("/api/referrals", """
            {"person": {"nhsNumber": 9990000018, "givenName": "Ada", "dateOfBirth": true, "unpaidCarer": {"hasOwnNeeds": "yes"}},
             "route": ["HospitalDischarge"], "reason": {"text": "fall"}, "existingClient": "no", "ward": null}
            """)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["existingClient", "person.dateOfBirth", "person.nhsNumber", "person.unpaidCarer.hasOwnNeeds", "reason", "route"],
            problem.ErrorFields().Order(StringComparer.Ordinal));
        var errors = problem.GetProperty("errors");
        Assert.Equal("This value has the wrong type: give text, in quotes.", errors.GetProperty("person.nhsNumber")[0].GetString());
        Assert.Equal("This value has the wrong type: give true or false.", errors.GetProperty("existingClient")[0].GetString());
    }

    [Fact]
    public async Task Lists_and_numbers_are_checked_inside_and_a_body_that_is_not_json_is_said_once()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var teams = await (await hub.GetAsync("/api/rotas/teams", Ct)).Expect(HttpStatusCode.OK);
        // Any team id will do for the shape check, which comes before the team is looked up.
        var url = $"/api/rotas/teams/{(teams.GetArrayLength() > 0 ? teams[0].Str("id") : Guid.NewGuid().ToString())}/carers";
        var problem = await (await Post(url, """{"name": "Sam", "skills": ["insulin", 3], "breakMinutes": 30.5, "days": "Monday", "active": 1}"""))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["active", "breakMinutes", "days", "skills[1]"], problem.ErrorFields().Order(StringComparer.Ordinal));

        var broken = await (await Post("/api/referrals", """{"route": "HospitalDischarge", """)).Expect(HttpStatusCode.BadRequest);
        Assert.Single(broken.ErrorFields());
    }
}
