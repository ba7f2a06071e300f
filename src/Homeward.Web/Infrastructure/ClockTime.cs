using System.Globalization;
using Homeward.Common;

namespace Homeward.Web.Infrastructure;

/// <summary>A time typed on a form ("09:30"), a London clock time on a given day, as the instant the API takes.</summary>
public static class ClockTime
{
    /// <summary>The instant in ISO 8601, or null with the problem added under the field.</summary>
    public static string? On(Problems problems, string field, string? typed, DateOnly day, string problem)
    {
        if (TimeOnly.TryParse(typed, CultureInfo.InvariantCulture, out var time))
            return London.At(day, time).ToString("O");
        problems.Add(field, problem);
        return null;
    }
}
