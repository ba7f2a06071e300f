using System.CommandLine;
using Homeward;
using Homeward.Cli;
using Homeward.Demo;

var database = new Option<string>("--database")
{
    Description = "Connection string. Default: the web app's SQLite file, src/Homeward.Web/data/homeward.db.",
};
var provider = new Option<string>("--provider")
{
    Description = "Sqlite or Postgres.",
    DefaultValueFactory = _ => "Sqlite",
};
var size = new Option<DemoSize>("--size")
{
    Description = "Small (~2,800 referrals), Standard (~11,000) or Large (~66,000: a year of a large county).",
    DefaultValueFactory = _ => DemoSize.Standard,
};
var seed = new Option<int>("--seed") { Description = "The same seed gives the same county.", DefaultValueFactory = _ => 2026 };
var today = new Option<DateOnly?>("--today") { Description = "The last day of the generated year (yyyy-MM-dd). Default: today." };

var demo = new Command("demo", "Build a synthetic demo county (a year of referrals and episodes ending today) into an empty database.")
{
    database, provider, size, seed, today,
};
demo.SetAction((result, ct) => DemoCommand.Run(
    result.GetValue(provider)!, result.GetValue(database), result.GetValue(size), result.GetValue(seed), result.GetValue(today), ct));

var root = new RootCommand("homeward: command-line tools for the Homeward intermediate care system.") { demo };
return await root.Parse(args).InvokeAsync();
