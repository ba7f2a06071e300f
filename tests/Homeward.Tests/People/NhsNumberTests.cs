using Homeward.People;

namespace Homeward.Tests.People;

public sealed class NhsNumberTests
{
    /// <summary>
    /// An independent statement of the NHS Data Dictionary rule, written differently on purpose:
    /// weights 10..2 over the first nine digits, remainder mod 11, check = 11 − remainder, 11 → 0, 10 → invalid.
    /// </summary>
    private static bool ReferenceIsValid(string digits)
    {
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
            return false;
        var total = Enumerable.Range(0, 9).Sum(i => (digits[i] - '0') * (10 - i));
        var check = 11 - total % 11;
        if (check == 10)
            return false;
        return (check == 11 ? 0 : check) == digits[9] - '0';
    }

    [Fact]
    public void Agrees_with_the_reference_rule_over_many_generated_numbers()
    {
        var random = new Random(20261123);
        int valid = 0, invalid = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var digits = string.Concat(Enumerable.Range(0, 10).Select(_ => (char)('0' + random.Next(10))));
            var expected = ReferenceIsValid(digits);
            Assert.True(expected == NhsNumber.TryParse(digits, out _), $"{digits}: reference says {(expected ? "valid" : "invalid")}");
            if (expected) valid++; else invalid++;
        }
        // About one number in eleven is valid by chance; both outcomes must have been exercised.
        Assert.InRange(valid, 15_000, 21_000);
        Assert.True(invalid > 150_000);
    }

    [Fact]
    public void Every_valid_check_digit_completes_nine_digits_in_exactly_one_way()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var nine = string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + random.Next(10))));
            var valid = Enumerable.Range(0, 10).Count(d => NhsNumber.TryParse(nine + d, out _));
            Assert.Equal(NhsNumber.CheckDigit(nine) is null ? 0 : 1, valid);
        }
    }

    [Theory]
    [InlineData("9434765919", "943 476 5919")]
    [InlineData("943 476 5919", "943 476 5919")]
    [InlineData("943-476-5919", "943 476 5919")]
    public void Accepts_a_known_valid_number_in_any_usual_layout(string text, string display)
    {
        Assert.True(NhsNumber.TryParse(text, out var number));
        Assert.Equal(display, number.Display);
        Assert.Equal("9434765919", number.Value);
    }

    [Theory]
    [InlineData("9434765918", "check digit")]
    [InlineData("943476591", "10 digits")]
    [InlineData("94347659190", "10 digits")]
    [InlineData("94347A5919", "10 digits")]
    [InlineData("", "Enter")]
    [InlineData(null, "Enter")]
    public void Rejects_with_a_reason(string? text, string reason)
    {
        Assert.False(NhsNumber.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Knows_the_test_range() =>
        Assert.True(NhsNumber.Parse(Support.Bodies.NewNhsNumber()).IsTestRange);

    /// <summary>A valid check digit for nine leading digits (the first nine taken from <paramref name="start"/> upwards).</summary>
    private static NhsNumber First(long start)
    {
        for (var n = start; ; n++)
        {
            var nine = n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(nine) is { } check)
                return NhsNumber.Parse(nine + check);
        }
    }

    [Theory]
    [InlineData(300_000_000L)]
    [InlineData(319_999_990L)]
    [InlineData(400_000_000L)]
    [InlineData(499_999_990L)]
    [InlineData(600_000_000L)]
    [InlineData(799_999_990L)]
    [InlineData(999_000_000L)]
    public void Numbers_in_the_issued_and_test_ranges_may_be_recorded(long start) => Assert.Null(First(start).NotIssued());

    [Theory]
    [InlineData(0L, "No NHS number is issued")]             // 000 000 0000 passes the check digit
    [InlineData(9_999_990L, "No NHS number is issued")]
    [InlineData(10_100_000L, "Scotland's CHI")]
    [InlineData(299_999_990L, "Scotland's CHI")]
    [InlineData(320_000_001L, "Northern Ireland")]
    [InlineData(399_999_990L, "Northern Ireland")]
    [InlineData(500_000_000L, "No NHS number is issued")]
    [InlineData(800_000_000L, "No NHS number is issued")]
    [InlineData(943_476_591L, "No NHS number is issued")]   // the textbook example's range (9xx) is not issued
    public void Numbers_outside_the_issued_ranges_are_refused_with_the_reason(long start, string reason)
    {
        Assert.Equal("0000000000", NhsNumber.Parse("0000000000").Value);    // the check digit alone lets it through
        Assert.Contains(reason, First(start).NotIssued(), StringComparison.Ordinal);
    }
}
