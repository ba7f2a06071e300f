using Homeward.Common;

namespace Homeward.Tests.Inputs;

/// <summary>Dates and times in bodies: ISO 8601 only, within the days Homeward works with; every other form refused with the reason.</summary>
public sealed class ProblemsTests
{
    [Theory]
    [InlineData("2026-01-02T09:30:00Z", "2026-01-02T09:30:00+00:00")]
    [InlineData("2026-01-02T09:30Z", "2026-01-02T09:30:00+00:00")]
    [InlineData("2026-07-02T10:30:00.125+01:00", "2026-07-02T09:30:00.125+00:00")]
    [InlineData(" 2026-01-02T09:30:00-05:00 ", "2026-01-02T14:30:00+00:00")]
    public void An_ISO_instant_with_its_offset_is_read_in_UTC(string text, string utc)
    {
        var problems = new Problems();
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), problems.Instant("at", text, "the time", required: true));
        Assert.False(problems.Any);
    }

    [Theory]
    [InlineData("1/2/2026 09:30 +00:00", "like 2026-01-31T09:30:00Z")]       // a culture's order: 2 January or 1 February?
    [InlineData("02/01/2026 09:30:00Z", "like 2026-01-31T09:30:00Z")]
    [InlineData("2026-01-02 09:30:00Z", "like 2026-01-31T09:30:00Z")]
    [InlineData("2026-01-02T09:30:00", "like 2026-01-31T09:30:00Z")]         // no offset: whose 09:30?
    [InlineData("Fri, 02 Jan 2026 09:30:00 GMT", "like 2026-01-31T09:30:00Z")]
    [InlineData("0001-01-01T00:00:00Z", "between 1 January 1900 and 31 December 2199")]
    [InlineData("2026-02-30T09:30:00Z", "like 2026-01-31T09:30:00Z")]
    public void Any_other_form_or_an_implausible_year_is_refused_with_the_reason(string text, string reason)
    {
        var problems = new Problems();
        Assert.Null(problems.Instant("at", text, "the time", required: true));
        Assert.Contains(reason, problems.ToDictionary()["at"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01", "between 1 January 1900 and 31 December 2199")]
    [InlineData("1/2/2026", "in the form YYYY-MM-DD")]
    [InlineData("02/01/2026", "in the form YYYY-MM-DD")]
    [InlineData("2026-1-2", "in the form YYYY-MM-DD")]
    [InlineData("2026-02-30", "in the form YYYY-MM-DD")]
    public void A_day_is_ISO_and_plausible(string text, string reason)
    {
        var problems = new Problems();
        Assert.Null(problems.Date("on", text, "the day", required: true));
        Assert.Contains(reason, problems.ToDictionary()["on"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("07:30", 7, 30)]
    [InlineData("23:59:00", 23, 59)]
    public void A_time_of_day_is_read(string text, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), new Problems().Time("t", text, "the time"));

    [Theory]
    [InlineData("7.30am")]
    [InlineData("24:00")]
    [InlineData("7:30")]
    public void Any_other_time_of_day_is_refused(string text)
    {
        var problems = new Problems();
        Assert.Null(problems.Time("t", text, "the time"));
        Assert.Contains("like 07:30", problems.ToDictionary()["t"][0], StringComparison.Ordinal);
    }
}
