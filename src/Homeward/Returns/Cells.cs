using System.Globalization;

namespace Homeward.Returns;

/// <summary>How a return writes its numbers: invariant, a mean and a rate to one decimal, blank where there is nothing to divide.</summary>
public static class Cells
{
    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The mean to <paramref name="format"/> (one decimal unless said), blank for none.</summary>
    public static string Mean(IEnumerable<double> values, string format = "0.0")
    {
        var list = values.ToList();
        return list.Count == 0 ? "" : list.Average().ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A percentage to one decimal, blank when the denominator is 0.</summary>
    public static string Rate(int numerator, int denominator) =>
        denominator == 0 ? "" : (100m * numerator / denominator).ToString("0.0", CultureInfo.InvariantCulture);
}
