namespace Homeward.Deterioration;

/// <summary>ACVPU: alert, or new confusion, responds to voice, to pain, or unresponsive (any but alert scores 3).</summary>
public enum Consciousness { Alert, NewConfusion, Voice, Pain, Unresponsive }

/// <summary>What the score asks for (RCP NEWS2, 2017, chart 2).</summary>
public enum News2Response
{
    /// <summary>0–4: routine monitoring; the registered professional decides on the frequency.</summary>
    Low,
    /// <summary>A single parameter scoring 3 (total under 5): urgent review by a clinician; treated as medium in practice.</summary>
    LowMedium,
    /// <summary>5–6: an urgent response, a clinician within the hour.</summary>
    Medium,
    /// <summary>7 or more: an emergency response.</summary>
    High,
}

/// <summary>
/// One set of observations. <paramref name="Scale2"/>: the person's target saturation is 88–92% (hypercapnic
/// respiratory failure), as a clinician has recorded it; otherwise scale 1.
/// </summary>
public sealed record News2Reading(int RespirationRate, int SpO2, bool Scale2, bool OnOxygen, int SystolicBp, int Pulse, Consciousness Consciousness,
    decimal Temperature);

public sealed record News2Score(int Total, int RespirationRate, int SpO2, int Oxygen, int SystolicBp, int Pulse, int Consciousness, int Temperature)
{
    public bool AnySingleThree => new[] { RespirationRate, SpO2, SystolicBp, Pulse, Consciousness, Temperature }.Contains(3);

    public News2Response Response => Total >= 7 ? News2Response.High
        : Total >= 5 ? News2Response.Medium
        : AnySingleThree ? News2Response.LowMedium
        : News2Response.Low;
}

/// <summary>The National Early Warning Score 2 (Royal College of Physicians, 2017, chart 1), as a pure function.</summary>
public static class News2
{
    public static News2Score Score(News2Reading r)
    {
        var respiration = r.RespirationRate switch { <= 8 => 3, <= 11 => 1, <= 20 => 0, <= 24 => 2, _ => 3 };
        var spo2 = r.Scale2 ? Scale2(r.SpO2, r.OnOxygen) : r.SpO2 switch { <= 91 => 3, <= 93 => 2, <= 95 => 1, _ => 0 };
        var oxygen = r.OnOxygen ? 2 : 0;
        var systolic = r.SystolicBp switch { <= 90 => 3, <= 100 => 2, <= 110 => 1, <= 219 => 0, _ => 3 };
        var pulse = r.Pulse switch { <= 40 => 3, <= 50 => 1, <= 90 => 0, <= 110 => 1, <= 130 => 2, _ => 3 };
        var consciousness = r.Consciousness == Consciousness.Alert ? 0 : 3;
        var temperature = r.Temperature switch { <= 35.0m => 3, <= 36.0m => 1, <= 38.0m => 0, <= 39.0m => 1, _ => 2 };
        return new News2Score(respiration + spo2 + oxygen + systolic + pulse + consciousness + temperature,
            respiration, spo2, oxygen, systolic, pulse, consciousness, temperature);
    }

    /// <summary>Scale 2: 88–92% scores 0, and so does 93% or more on air; on oxygen, higher scores again.</summary>
    private static int Scale2(int spo2, bool onOxygen) => spo2 switch
    {
        <= 83 => 3,
        <= 85 => 2,
        <= 87 => 1,
        <= 92 => 0,
        _ when !onOxygen => 0,
        <= 94 => 1,
        <= 96 => 2,
        _ => 3,
    };
}
