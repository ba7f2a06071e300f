using System.Net;
using Homeward.Access;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Api;

public sealed class IdempotencyTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_answer()
    {
        var client = await app.ClientFor(Role.HospitalDischargeTeam);
        var body = Bodies.HospitalDischarge();
        var key = Guid.NewGuid().ToString();
        var first = await client.PostJson("/api/referrals", body, idempotencyKey: key);
        var second = await client.PostJson("/api/referrals", body, idempotencyKey: key);
        var a = await first.Expect(HttpStatusCode.Created);
        var b = await second.Expect(HttpStatusCode.Created);
        Assert.Equal(a.ToString(), b.ToString());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));

        await using var db = app.Db();
        var nhs = Homeward.People.NhsNumber.Parse((string)((Dictionary<string, object?>)body["person"]!)["nhsNumber"]!);
        Assert.Equal(1, await db.Referrals.CountAsync(r => db.People.Any(p => p.Id == r.PersonId && p.NhsNumber == nhs), Ct));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused()
    {
        var client = await app.ClientFor(Role.HospitalDischargeTeam);
        var key = Guid.NewGuid().ToString();
        await (await client.PostJson("/api/referrals", Bodies.HospitalDischarge(), idempotencyKey: key)).Expect(HttpStatusCode.Created);
        var problem = await (await client.PostJson("/api/referrals", Bodies.HospitalDischarge(), idempotencyKey: key)).Expect(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.Str("detail"));
    }

    [Fact]
    public async Task Keys_belong_to_the_user_who_sent_them()
    {
        var key = Guid.NewGuid().ToString();
        var one = await app.ClientFor(Role.HospitalDischargeTeam);
        var other = await app.ClientFor(Role.HubCoordinator);
        var a = await (await one.PostJson("/api/referrals", Bodies.HospitalDischarge(), idempotencyKey: key)).Expect(HttpStatusCode.Created);
        var b = await (await other.PostJson("/api/referrals", Bodies.HospitalDischarge(), idempotencyKey: key)).Expect(HttpStatusCode.Created);
        Assert.NotEqual(a.Str("id"), b.Str("id"));
    }

    [Fact]
    public async Task Concurrent_submissions_with_one_key_store_one_referral()
    {
        var client = await app.ClientFor(Role.HospitalDischargeTeam);
        var body = Bodies.HospitalDischarge();
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostJson("/api/referrals", body, idempotencyKey: key)));
        var bodies = new List<string>();
        foreach (var response in responses)
            bodies.Add((await response.Expect(HttpStatusCode.Created)).Str("id"));
        Assert.Single(bodies.Distinct());

        await using var db = app.Db();
        Assert.Equal(1, await db.Referrals.CountAsync(r => r.Id == Guid.Parse(bodies[0]), Ct));
        var personId = await db.Referrals.Where(r => r.Id == Guid.Parse(bodies[0])).Select(r => r.PersonId).SingleAsync(Ct);
        Assert.Equal(1, await db.Referrals.CountAsync(r => r.PersonId == personId, Ct));
    }

    [Fact]
    public async Task Concurrent_first_referrals_for_one_person_record_them_once()
    {
        var client = await app.ClientFor(Role.HubCoordinator);
        var nhs = Bodies.NewNhsNumber();
        // Six different referrals at once (each confirmed as a referral of its own, not a resend of an open one).
        var body = Bodies.UrgentCommunityResponse(nhs);
        body["duplicateConfirmed"] = true;
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostJson("/api/referrals", body)));
        var people = new HashSet<string>();
        foreach (var response in responses)
            people.Add((await response.Expect(HttpStatusCode.Created)).GetProperty("person").Str("id"));
        Assert.Single(people);
    }

    [Fact]
    public async Task A_malformed_key_is_a_400()
    {
        var client = await app.ClientFor(Role.HubCoordinator);
        var problem = await (await client.PostJson("/api/referrals", Bodies.UrgentCommunityResponse(), idempotencyKey: new string('k', 201))).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["Idempotency-Key"], problem.ErrorFields());
    }
}
