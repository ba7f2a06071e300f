using Homeward.People;

namespace Homeward.Tests.People;

public sealed class PostcodeTests
{
    [Theory]
    [InlineData("BA1 1AA", "BA1 1AA")]
    [InlineData("ba11aa", "BA1 1AA")]
    [InlineData("  sw1a  1aa ", "SW1A 1AA")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("EC1A 1BB", "EC1A 1BB")]
    [InlineData("W1A 0AX", "W1A 0AX")]
    [InlineData("GIR 0AA", "GIR 0AA")]
    public void Normalises_case_and_spacing(string text, string expected)
    {
        Assert.True(Postcode.TryParse(text, out var postcode, out var error), error);
        Assert.Equal(expected, postcode.Value);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("BA1 1CA")]   // C is never used in the inward code
    [InlineData("QA1 1AA")]   // Q never starts a postcode
    [InlineData("BA1-1AA")]
    [InlineData("12345")]
    [InlineData("BA1 1AAA")]
    public void Rejects_malformed_postcodes(string text)
    {
        Assert.False(Postcode.TryParse(text, out _, out var error));
        Assert.Contains("real postcode", error);
    }
}
