using System.Net;
using System.Text.Json;

namespace Homeward.Tests.Support;

/// <summary>Fills in, through the API, everything an active reablement or rehabilitation episode needs before it may end.</summary>
public static class CareRecords
{
    public static readonly Dictionary<string, decimal> Barthel = new()
    {
        ["bowels"] = 2, ["bladder"] = 1, ["grooming"] = 0, ["toilet"] = 1, ["feeding"] = 2,
        ["transfer"] = 2, ["mobility"] = 1, ["dressing"] = 1, ["stairs"] = 0, ["bathing"] = 0,
    };

    public static object Assessment(string consent = "Given") => new
    {
        whatMatters = "Getting back to making my own breakfast and seeing my friends at the lunch club",
        homeSituation = "Lives alone in a two-storey house; bedroom upstairs",
        hasUnpaidCarer = true,
        carerNeeds = "Daughter works full time; offered a carer's assessment",
        consent,
        risks = "Falls on the stairs at night",
    };

    public static object Plan(int visitsAtStart = 0, int visitsAtEnd = 0, int days = 14, int startInDays = 0, string? skill = null) => new
    {
        willDo = "Help with washing and dressing; practise the stairs with the therapist",
        willNotDo = "Cleaning and shopping",
        startsOn = DateTime.UtcNow.AddDays(startInDays).ToString("yyyy-MM-dd"),
        endsOn = DateTime.UtcNow.AddDays(startInDays + days - 1).ToString("yyyy-MM-dd"),
        visitsAtStart,
        visitsAtEnd,
        minutesPerVisit = 30,
        reviewEveryDays = 7,
        transitionPlan = "Lunch club twice a week; pendant alarm",
        agreedWithPerson = true,
        skill,
    };

    /// <summary>What each Goal Attainment Scaling score means for "to make my own breakfast".</summary>
    public static readonly object BreakfastLevels = new
    {
        muchLess = "Breakfast made for me", less = "Makes a cup of tea with someone there", expected = "Makes tea and toast on my own every morning",
        more = "Makes a cooked breakfast on my own", muchMore = "Makes breakfast and a light lunch on my own",
    };

    /// <summary>Assessment, plan, one goal scored at the start and the end, Barthel and hours of care at the start and the end.</summary>
    public static async Task Complete(HttpClient client, string episodeId, int visitsAtStart = 0)
    {
        var url = $"/api/episodes/{episodeId}";
        await (await client.PutJson($"{url}/assessment", Assessment())).Expect(HttpStatusCode.OK);
        await (await client.PutJson($"{url}/plan", Plan(visitsAtStart, visitsAtStart))).Expect(HttpStatusCode.OK);
        var record = await (await client.PostJson($"{url}/goals", new { text = "To make my own breakfast", category = "MealsAndDrink", startScore = -1, levels = BreakfastLevels })).Expect(HttpStatusCode.OK);
        var goalId = record.GetProperty("goals")[0].Str("id");
        await (await client.PostJson($"{url}/goals/{goalId}/scores", new { stage = "End", score = 0 })).Expect(HttpStatusCode.OK);
        foreach (var stage in new[] { "Start", "End" })
        {
            await (await client.PostJson($"{url}/measures", new { measure = "barthel", stage, values = Barthel })).Expect(HttpStatusCode.OK);
            await (await client.PostJson($"{url}/measures", new { measure = "care-hours", stage, values = new { hours = stage == "Start" ? 10.5 : 3 } })).Expect(HttpStatusCode.OK);
        }
    }

    public static async Task<JsonElement> Read(HttpClient client, string episodeId) =>
        await (await client.GetAsync($"/api/episodes/{episodeId}/care")).Expect(HttpStatusCode.OK);
}
