using System.Globalization;

namespace Homeward.Pressure;

/// <summary>What Homeward measures of the partnership's community services for its operational pressures escalation level.</summary>
public enum OpelParameter
{
    /// <summary>Intermediate care and care home beds occupied today, as a share of the beds reported (%).</summary>
    BedOccupancy,
    /// <summary>Home-based carer time booked today, as a share of the time the teams reported (%).</summary>
    HomeCareCommitted,
    /// <summary>People still in hospital past their discharge ready date, waiting for intermediate care or a placement.</summary>
    PastReadyDate,
    /// <summary>Accepted for a service and waiting for it to start (capacity, equipment, a package).</summary>
    WaitingToStart,
    /// <summary>2-hour urgent community response referrals of the last 24 hours answered within 2 hours (%); lower is worse.</summary>
    TwoHourResponse,
}

/// <summary>
/// How one parameter scores: the values at which it reaches levels 2, 3 and 4 (for a parameter where lower is worse,
/// the values below which it does), and its weight in the overall score. Set per partnership (<c>Opel:Parameters</c>).
/// </summary>
public sealed record OpelSetting(decimal[] Thresholds, decimal Weight, bool LowerIsWorse = false)
{
    public int Level(decimal value)
    {
        var level = 1;
        for (var i = 0; i < Thresholds.Length; i++)
            if (LowerIsWorse ? value < Thresholds[i] : value >= Thresholds[i])
                level = i + 2;
        return level;
    }

    public string Describe() => LowerIsWorse
        ? string.Join(", ", Thresholds.Select((t, i) => $"OPEL {i + 2} below {t.ToString("0.##", CultureInfo.InvariantCulture)}"))
        : string.Join(", ", Thresholds.Select((t, i) => $"OPEL {i + 2} from {t.ToString("0.##", CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// The scoring, pure: each parameter's value gives it a level from 1 to 4 by its thresholds; the overall score is the
/// weighted share of the most pressure the parameters could show (0–100), and the level follows from it in quarters.
/// Decision 031 says why the thresholds are the partnership's own settings.
/// </summary>
public static class Opel
{
    public static readonly IReadOnlyDictionary<OpelParameter, OpelSetting> Defaults = new Dictionary<OpelParameter, OpelSetting>
    {
        [OpelParameter.BedOccupancy] = new([85, 92, 98], 1),
        [OpelParameter.HomeCareCommitted] = new([85, 92, 98], 1),
        [OpelParameter.PastReadyDate] = new([10, 25, 50], 1),
        [OpelParameter.WaitingToStart] = new([10, 25, 50], 1),
        [OpelParameter.TwoHourResponse] = new([70, 60, 50], 1, LowerIsWorse: true),
    };

    /// <summary>The weighted score, 0 when every parameter is at level 1 and 100 when every one is at 4; parameters without a value do not count.</summary>
    public static decimal Score(IEnumerable<(int Level, decimal Weight)> parameters)
    {
        var scored = parameters.ToList();
        var most = scored.Sum(p => p.Weight) * 3;
        return most == 0 ? 0 : Math.Round(scored.Sum(p => (p.Level - 1) * p.Weight) * 100 / most, 1);
    }

    public static int LevelOf(decimal score) => score switch
    {
        < 25 => 1,
        < 50 => 2,
        < 75 => 3,
        _ => 4,
    };

    public static string Meaning(int level) => level switch
    {
        1 => "Flow is maintained and demand is being met within the resources available.",
        2 => "Signs of pressure: focused actions to stop it rising.",
        3 => "Major pressure compromising flow: escalate across the partnership.",
        _ => "Pressure puts patient care and safety at risk: the partnership's most senior escalation.",
    };
}
