using System.Net;
using Homeward.Access;
using Homeward.Care;
using Homeward.Tests.Support;

namespace Homeward.Tests.Care;

/// <summary>
/// A scale's items say what each value means: the Barthel Index with its published descriptors, and a partnership's
/// own measure with descriptors it gives (one for each value, or refused naming the item).
/// </summary>
public sealed class MeasureDescriptorTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_Barthel_item_describes_each_of_its_values_and_the_total_runs_from_0_to_20()
    {
        var barthel = Measures.BarthelIndex;
        Assert.Equal(10, barthel.Items.Count);
        Assert.All(barthel.Items, item => Assert.Equal(item.Count, item.Levels!.Count));
        Assert.Equal(20m, barthel.Items.Sum(i => i.Max));
        Assert.Equal(0m, barthel.Items.Sum(i => i.Min));
        MeasureItem Item(string code) => barthel.Items.Single(i => i.Code == code);
        Assert.Equal("0: Incontinent (or needs to be given enemas)", Item("bowels").Describe(0));
        Assert.Equal("2: Continent (for over 7 days)", Item("bladder").Describe(2));
        Assert.Equal("1: Major help (one or two people, physical), can sit", Item("transfer").Describe(1));
        Assert.Equal("2: Minor help (verbal or physical)", Item("transfer").Describe(2));
        Assert.Equal("1: Wheelchair independent, including corners (over 50 yards)", Item("mobility").Describe(1));
        Assert.Equal("1: Needs help, but can do about half unaided", Item("dressing").Describe(1));
        Assert.Equal("1: Independent (or in shower)", Item("bathing").Describe(1));
        Assert.Contains("Record what the person does, not what they could do", barthel.Description);
        Assert.Equal("4", Item("transfer").Describe(4)); // outside the scale: the value alone, never another level's words
    }

    [Fact]
    public async Task The_catalogue_gives_the_descriptors_and_a_partnership_measure_needs_one_for_each_value()
    {
        var manager = await app.ClientFor(Role.Manager);
        var all = await (await manager.GetAsync("/api/measures", Ct)).Expect(HttpStatusCode.OK);
        var transfer = all.EnumerateArray().Single(m => m.Str("code") == "barthel").GetProperty("items").EnumerateArray().Single(i => i.Str("code") == "transfer");
        Assert.Equal(["Unable, no sitting balance", "Major help (one or two people, physical), can sit", "Minor help (verbal or physical)", "Independent"],
            transfer.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
        Assert.False(transfer.TryGetProperty("described", out _));

        var refused = await (await manager.PostJson("/api/measures", new
        {
            code = "sitting-scale", name = "Sitting balance",
            items = new object[]
            {
                new { code = "sit", label = "Sitting", min = 0, max = 2, levels = new[] { "Unable", "With help" } },
                new { code = "reach", label = "Reaching", min = 0, max = 1, levels = new[] { "Cannot", " " } },
            },
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(["items[0].levels", "items[1].levels[1]"], refused.ErrorFields());
        Assert.Contains("3 values", refused.GetProperty("errors").GetProperty("items[0].levels")[0].GetString());

        await (await manager.PostJson("/api/measures", new
        {
            code = "sitting-scale", name = "Sitting balance",
            items = new object[] { new { code = "sit", label = "Sitting", min = 0, max = 2, levels = new[] { "Unable", "With help", "Alone" } } },
        })).Expect(HttpStatusCode.Created);
        all = await (await manager.GetAsync("/api/measures", Ct)).Expect(HttpStatusCode.OK);
        var sit = all.EnumerateArray().Single(m => m.Str("code") == "sitting-scale").GetProperty("items")[0];
        Assert.Equal(["Unable", "With help", "Alone"], sit.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
    }
}
