namespace Homeward.Returns;

/// <summary>
/// The returns people choose from, as the page lists them: the code as written in URLs and on the command line, a
/// short name (for a job's title) and the label that says what it is.
/// </summary>
public static class ReturnChoices
{
    public sealed record Choice(string Code, string Name, string Label)
    {
        public ReturnCode Return => Enum.Parse<ReturnCode>(MakeReturn.Normalise(Code)!, ignoreCase: true);
    }

    public static readonly Choice[] All =
    [
        new("cld", "Client Level Data", "Client Level Data (quarterly, rolling 12 months, validated)"),
        new("ascof-2a", "ASCOF 2A", "ASCOF 2A: short-term support followed by no request for ongoing support"),
        new("ascof-2d", "ASCOF 2D", "ASCOF 2D: 65+ in the community 12 weeks after discharge into reablement"),
        new("weekly-intermediate-care", "Intermediate Care Data Collection", "Intermediate Care Data Collection (weekly)"),
        new("discharge-delays", "Discharge delays", "Discharge delays from the Discharge Ready Date (monthly)"),
        new("urgent-response", "Urgent community response", "Urgent community response: 2-hour and 2-day standards (monthly)"),
        new("bcf", "Better Care Fund metrics", "Better Care Fund 2025–26 metrics: what the records draw (quarterly)"),
        new("local-91-days", "At home 91 days after discharge", "Local measure: at home 91 days after discharge (former ASCOF 2B)"),
        new("sts001", "Local analysis STS001", "Local analysis, SALT STS001 layout: requests from new clients"),
        new("sts002a", "Local analysis STS002A", "Local analysis, SALT STS002a layout: new clients, by sequel"),
        new("sts002b", "Local analysis STS002B", "Local analysis, SALT STS002b layout: existing clients, by sequel"),
        new("sts004", "Local analysis STS004", "Local analysis, SALT STS004 layout: by age band and gender"),
    ];

    public static Choice Of(ReturnCode code) => All.Single(c => c.Return == code);
}
