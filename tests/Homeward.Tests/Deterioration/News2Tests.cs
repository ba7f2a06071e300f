using Homeward.Deterioration;

namespace Homeward.Tests.Deterioration;

/// <summary>NEWS2 against the Royal College of Physicians' chart 1 (2017), band by band, and the responses of chart 2.</summary>
public sealed class News2Tests
{
    /// <summary>Everything in the 0 bands: a healthy adult on air.</summary>
    private static readonly News2Reading Well = new(16, 97, false, false, 120, 70, Consciousness.Alert, 37.0m);

    [Theory]
    [InlineData(8, 3)] [InlineData(9, 1)] [InlineData(11, 1)] [InlineData(12, 0)] [InlineData(20, 0)] [InlineData(21, 2)] [InlineData(24, 2)] [InlineData(25, 3)]
    public void Respiration_rate(int rate, int score) => Assert.Equal(score, News2.Score(Well with { RespirationRate = rate }).RespirationRate);

    [Theory]
    [InlineData(91, 3)] [InlineData(92, 2)] [InlineData(93, 2)] [InlineData(94, 1)] [InlineData(95, 1)] [InlineData(96, 0)]
    public void Saturation_on_scale_1(int spo2, int score) => Assert.Equal(score, News2.Score(Well with { SpO2 = spo2 }).SpO2);

    [Theory]
    [InlineData(83, false, 3)] [InlineData(84, false, 2)] [InlineData(86, false, 1)] [InlineData(88, false, 0)] [InlineData(92, false, 0)]
    [InlineData(97, false, 0)] [InlineData(93, true, 1)] [InlineData(94, true, 1)] [InlineData(95, true, 2)] [InlineData(96, true, 2)] [InlineData(97, true, 3)]
    public void Saturation_on_scale_2_scores_high_readings_only_on_oxygen(int spo2, bool onOxygen, int score) =>
        Assert.Equal(score, News2.Score(Well with { SpO2 = spo2, Scale2 = true, OnOxygen = onOxygen }).SpO2);

    [Theory]
    [InlineData(90, 3)] [InlineData(91, 2)] [InlineData(100, 2)] [InlineData(101, 1)] [InlineData(110, 1)] [InlineData(111, 0)] [InlineData(219, 0)] [InlineData(220, 3)]
    public void Systolic_blood_pressure(int bp, int score) => Assert.Equal(score, News2.Score(Well with { SystolicBp = bp }).SystolicBp);

    [Theory]
    [InlineData(40, 3)] [InlineData(41, 1)] [InlineData(50, 1)] [InlineData(51, 0)] [InlineData(90, 0)] [InlineData(91, 1)] [InlineData(110, 1)] [InlineData(111, 2)]
    [InlineData(130, 2)] [InlineData(131, 3)]
    public void Pulse(int pulse, int score) => Assert.Equal(score, News2.Score(Well with { Pulse = pulse }).Pulse);

    [Theory]
    [InlineData("35.0", 3)] [InlineData("35.1", 1)] [InlineData("36.0", 1)] [InlineData("36.1", 0)] [InlineData("38.0", 0)] [InlineData("38.1", 1)] [InlineData("39.0", 1)]
    [InlineData("39.1", 2)]
    public void Temperature(string celsius, int score) =>
        Assert.Equal(score, News2.Score(Well with { Temperature = decimal.Parse(celsius, System.Globalization.CultureInfo.InvariantCulture) }).Temperature);

    [Fact]
    public void Oxygen_adds_two_and_any_consciousness_but_alert_scores_three()
    {
        Assert.Equal(2, News2.Score(Well with { OnOxygen = true }).Total);
        foreach (var level in new[] { Consciousness.NewConfusion, Consciousness.Voice, Consciousness.Pain, Consciousness.Unresponsive })
            Assert.Equal(3, News2.Score(Well with { Consciousness = level }).Consciousness);
    }

    [Fact]
    public void The_response_follows_the_total_and_a_single_three()
    {
        Assert.Equal((0, News2Response.Low), Result(Well));
        Assert.Equal((3, News2Response.LowMedium), Result(Well with { Pulse = 135 }));
        Assert.Equal((4, News2Response.Low), Result(Well with { Pulse = 115, SystolicBp = 95 }));
        Assert.Equal((5, News2Response.Medium), Result(Well with { Pulse = 115, SystolicBp = 95, Temperature = 38.5m }));
        Assert.Equal((7, News2Response.High), Result(Well with { Pulse = 115, SystolicBp = 95, Temperature = 38.5m, RespirationRate = 22 }));
        // The worst of every band: 20, the most there is.
        Assert.Equal(20, News2.Score(new News2Reading(30, 85, false, true, 80, 140, Consciousness.Voice, 34.5m)).Total);

        static (int, News2Response) Result(News2Reading r) => (News2.Score(r).Total, News2.Score(r).Response);
    }
}
