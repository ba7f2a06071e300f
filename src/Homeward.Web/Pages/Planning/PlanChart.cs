using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Homeward.Planning;
using Microsoft.AspNetCore.Html;

namespace Homeward.Web.Pages.Planning;

/// <summary>
/// A band over time: the 2.5–97.5 percentile range of the replications shaded light, 25–75 darker, the median as a
/// line, and capacity (when given) dashed. Beside it, the same numbers week by week in a table, so the chart is
/// never the only way to read them.
/// </summary>
public static class PlanChart
{
    public static IHtmlContent Bands(string id, string title, DateOnly start, IReadOnlyList<Band> bands, double yMax, string unit,
        IReadOnlyList<int>? capacity = null)
    {
        const int width = 560, height = 200, left = 40, bottom = 22, top = 8;
        var n = bands.Count;
        yMax = Math.Max(yMax, 1);
        double X(int i) => left + (n <= 1 ? 0 : i * (width - left - 4) / (double)(n - 1));
        double Y(double v) => height - bottom - Math.Clamp(v / yMax, 0, 1.05) * (height - bottom - top);
        string Area(Func<Band, double> low, Func<Band, double> high) =>
            string.Join(" ", Enumerable.Range(0, n).Select(i => $"{X(i):0.#},{Y(high(bands[i])):0.#}")
                .Concat(Enumerable.Range(0, n).Reverse().Select(i => $"{X(i):0.#},{Y(low(bands[i])):0.#}")));
        var inv = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg class=\"hw-chart hw-band\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" focusable=\"false\">");
        svg.Append(inv, $"<title id=\"{id}-title\">{E(title)}: the numbers are in the table beside the chart</title>");
        svg.Append(inv, $"<line x1=\"{left}\" x2=\"{width}\" y1=\"{Y(0):0.#}\" y2=\"{Y(0):0.#}\" class=\"hw-chart__axis\"/>");
        svg.Append(inv, $"<text x=\"{left - 4}\" y=\"{Y(yMax) + 10:0.#}\" text-anchor=\"end\" class=\"hw-chart__label\">{yMax:N0}</text>");
        svg.Append(inv, $"<text x=\"{left - 4}\" y=\"{Y(0):0.#}\" text-anchor=\"end\" class=\"hw-chart__label\">0</text>");
        if (n > 0)
        {
            svg.Append(inv, $"<polygon points=\"{Area(b => b.P2_5, b => b.P97_5)}\" class=\"hw-band__outer\"/>");
            svg.Append(inv, $"<polygon points=\"{Area(b => b.P25, b => b.P75)}\" class=\"hw-band__inner\"/>");
            svg.Append(inv, $"<polyline points=\"{string.Join(" ", Enumerable.Range(0, n).Select(i => $"{X(i):0.#},{Y(bands[i].P50):0.#}"))}\" class=\"hw-band__median\"/>");
            if (capacity is { Count: > 0 })
                svg.Append(inv, $"<polyline points=\"{string.Join(" ", Enumerable.Range(0, Math.Min(n, capacity.Count)).Select(i => $"{X(i):0.#},{Y(capacity[i]):0.#}"))}\" class=\"hw-band__capacity\"/>");
            svg.Append(inv, $"<text x=\"{left}\" y=\"{height - 6}\" class=\"hw-chart__label\">{start:d MMM}</text>");
            svg.Append(inv, $"<text x=\"{width}\" y=\"{height - 6}\" text-anchor=\"end\" class=\"hw-chart__label\">{start.AddDays(n - 1):d MMM yyyy}</text>");
        }
        svg.Append("</svg>");

        var step = n > 21 ? 7 : 1;
        var table = new StringBuilder();
        table.Append(inv, $"<details class=\"nhsuk-details\"><summary class=\"nhsuk-details__summary\"><span class=\"nhsuk-details__summary-text\">{E(title)}: the numbers</span></summary><div class=\"nhsuk-details__text\">");
        table.Append(inv, $"<table class=\"nhsuk-table hw-chart-table\" id=\"{id}-table\"><caption class=\"nhsuk-table__caption nhsuk-table__caption--s\">{E(title)} ({E(unit)}){(step > 1 ? ", every 7th day" : "")}</caption>");
        table.Append("<thead class=\"nhsuk-table__head\"><tr><th scope=\"col\" class=\"nhsuk-table__header\">Day</th><th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Median</th><th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">95% of runs</th>");
        if (capacity is not null)
            table.Append("<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Capacity</th>");
        table.Append("</tr></thead><tbody class=\"nhsuk-table__body\">");
        for (var i = 0; i < n; i += step)
        {
            table.Append(inv, $"<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">{start.AddDays(i):ddd d MMM}</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">{bands[i].P50:N1}</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">{bands[i].P2_5:N1} to {bands[i].P97_5:N1}</td>");
            if (capacity is not null)
                table.Append(inv, $"<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">{(i < capacity.Count ? capacity[i].ToString("N0", inv) : "")}</td>");
            table.Append("</tr>");
        }
        table.Append("</tbody></table></div></details>");
        return new HtmlString($"<div class=\"hw-band-chart\">{svg}{table}</div>");
    }

    /// <summary>
    /// Several runs' medians day by day on one chart (each its own colour and dash, named in a legend), with the same
    /// numbers in a table beside it: the runs compared at a glance, not in separate charts.
    /// </summary>
    public static IHtmlContent Lines(string id, string title, DateOnly start, IReadOnlyList<(string Name, IReadOnlyList<Band> Bands)> runs, string unit)
    {
        const int width = 560, height = 200, left = 40, bottom = 22, top = 8;
        var n = runs.Max(r => r.Bands.Count);
        var yMax = Math.Max(1, runs.SelectMany(r => r.Bands).Select(b => b.P50).DefaultIfEmpty().Max() * 1.1);
        double X(int i) => left + (n <= 1 ? 0 : i * (width - left - 4) / (double)(n - 1));
        double Y(double v) => height - bottom - Math.Clamp(v / yMax, 0, 1.05) * (height - bottom - top);
        var inv = CultureInfo.InvariantCulture;
        var html = new StringBuilder("<div class=\"hw-band-chart\"><ul class=\"hw-lines__legend\">");
        foreach (var (run, k) in runs.Select((r, k) => (r, k)))
            html.Append(inv, $"<li><svg width=\"28\" height=\"10\" aria-hidden=\"true\" focusable=\"false\"><line x1=\"0\" x2=\"28\" y1=\"5\" y2=\"5\" class=\"hw-lines__run hw-lines__run--{k % 4}\"/></svg>{E(run.Name)}</li>");
        html.Append("</ul>");
        html.Append(inv, $"<svg class=\"hw-chart hw-lines\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" focusable=\"false\">");
        html.Append(inv, $"<title id=\"{id}-title\">{E(title)}: the numbers are in the table beside the chart</title>");
        html.Append(inv, $"<line x1=\"{left}\" x2=\"{width}\" y1=\"{Y(0):0.#}\" y2=\"{Y(0):0.#}\" class=\"hw-chart__axis\"/>");
        html.Append(inv, $"<text x=\"{left - 4}\" y=\"{Y(yMax) + 10:0.#}\" text-anchor=\"end\" class=\"hw-chart__label\">{yMax:N0}</text>");
        html.Append(inv, $"<text x=\"{left - 4}\" y=\"{Y(0):0.#}\" text-anchor=\"end\" class=\"hw-chart__label\">0</text>");
        foreach (var (run, k) in runs.Select((r, k) => (r, k)))
            html.Append(inv, $"<polyline points=\"{string.Join(" ", run.Bands.Select((b, i) => $"{X(i):0.#},{Y(b.P50):0.#}"))}\" class=\"hw-lines__run hw-lines__run--{k % 4}\"/>");
        if (n > 0)
        {
            html.Append(inv, $"<text x=\"{left}\" y=\"{height - 6}\" class=\"hw-chart__label\">{start:d MMM}</text>");
            html.Append(inv, $"<text x=\"{width}\" y=\"{height - 6}\" text-anchor=\"end\" class=\"hw-chart__label\">{start.AddDays(n - 1):d MMM yyyy}</text>");
        }
        html.Append("</svg>");
        var step = n > 21 ? 7 : 1;
        html.Append(inv, $"<details class=\"nhsuk-details\"><summary class=\"nhsuk-details__summary\"><span class=\"nhsuk-details__summary-text\">{E(title)}: the numbers</span></summary><div class=\"nhsuk-details__text\">");
        html.Append(inv, $"<table class=\"nhsuk-table hw-chart-table\" id=\"{id}-table\"><caption class=\"nhsuk-table__caption nhsuk-table__caption--s\">{E(title)} ({E(unit)}, the median of the runs){(step > 1 ? ", every 7th day" : "")}</caption>");
        html.Append("<thead class=\"nhsuk-table__head\"><tr><th scope=\"col\" class=\"nhsuk-table__header\">Day</th>");
        foreach (var run in runs)
            html.Append(inv, $"<th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">{E(run.Name)}</th>");
        html.Append("</tr></thead><tbody class=\"nhsuk-table__body\">");
        for (var i = 0; i < n; i += step)
        {
            html.Append(inv, $"<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">{start.AddDays(i):ddd d MMM}</td>");
            foreach (var run in runs)
                html.Append(inv, $"<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">{(i < run.Bands.Count ? run.Bands[i].P50.ToString("N1", inv) : "")}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div></details></div>");
        return new HtmlString(html.ToString());
    }

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
