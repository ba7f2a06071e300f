using System.Net;
using Homeward.Access;
using Homeward.Data;
using Homeward.Fhir;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.People;

/// <summary>
/// Everything about a person (a subject access request, a FHIR export, a FHIR search of their care record) is read with
/// one query per part of the record, however many episodes they have had: not a set of queries an episode.
/// </summary>
public sealed class ReadTogetherTests(LoggedApiFactory app) : IClassFixture<LoggedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The database commands since the last call.</summary>
    private List<string> Commands() => app.Commands(clear: true);

    private static int Reads(List<string> commands, string table) =>
        commands.Count(c => c.Contains("SELECT", StringComparison.Ordinal) && c.Contains($"FROM \"{table}\"", StringComparison.Ordinal));

    /// <summary>An episode of reablement from referral to its end, with its care record filled in.</summary>
    private static async Task<string> Episode(HttpClient hub, string nhsNumber, bool end)
    {
        var referral = await (await hub.PostJson("/api/referrals", Bodies.HospitalDischarge(nhsNumber))).Expect(HttpStatusCode.Created);
        var url = $"/api/episodes/{referral.GetProperty("episode").Str("id")}";
        await (await hub.PostJson($"{url}/triage", new { service = "Reablement", pathway = "P1" }, "\"1\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/accept", new { }, "\"2\"")).Expect(HttpStatusCode.OK);
        await (await hub.PostJson($"{url}/start", new { }, "\"3\"")).Expect(HttpStatusCode.OK);
        await CareRecords.Complete(hub, referral.GetProperty("episode").Str("id"), visitsAtStart: 1);
        if (end)
            await (await hub.PostJson($"{url}/end", new { sequel = "NoIdentifiedNeeds", destination = "UsualResidence" }, "\"4\"")).Expect(HttpStatusCode.OK);
        return referral.GetProperty("person").Str("id");
    }

    [Fact]
    public async Task A_person_with_three_episodes_is_read_with_the_queries_of_one()
    {
        var hub = await app.ClientFor(Role.HubCoordinator);
        var manager = await app.ClientFor(Role.Manager);
        var nhs = Bodies.NewNhsNumber();
        await Episode(hub, nhs, end: true);
        await Episode(hub, nhs, end: true);
        var personId = await Episode(hub, nhs, end: false);
        Commands();

        var access = await (await manager.GetAsync($"/api/people/{personId}/subject-access", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(3, access.GetProperty("episodes").GetArrayLength());
        Assert.All(access.GetProperty("episodes").EnumerateArray(), e => Assert.Equal(1, e.GetProperty("careRecord").GetProperty("goals").GetArrayLength()));
        // The goals and their scores (two commands), whatever the number of episodes: read an episode at a time, it was six.
        var commands = Commands();
        Assert.InRange(Reads(commands, "Goals"), 1, 2);
        Assert.Equal(1, Reads(commands, "EpisodeEvents"));

        var goals = await (await hub.GetAsync($"/fhir/Goal?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}", Ct)).Expect(HttpStatusCode.OK);
        Assert.Equal(3, goals.GetProperty("total").GetInt32());
        Assert.InRange(Reads(Commands(), "Goals"), 1, 2);

        // The command line's export of everything about the person (homeward fhir export).
        await using var scope = app.Services.CreateAsyncScope();
        var system = Actor.System(await scope.ServiceProvider.GetRequiredService<HomewardDb>().Organisations
            .Where(o => o.Kind == OrganisationKind.Council).Select(o => o.Id).FirstAsync(Ct), "test");
        var bundle = await scope.ServiceProvider.GetRequiredService<FhirExport>().Export(nhs, "https://homeward.example/fhir", system, Ct);
        Assert.Equal(3, bundle.Entry.Count(e => e.Resource is Hl7.Fhir.Model.Goal));
        Assert.InRange(Reads(Commands(), "Goals"), 1, 2);
    }
}
