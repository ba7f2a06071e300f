using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Homeward.Figures;
using Microsoft.AspNetCore.Html;

namespace Homeward.Web.Pages.Figures;

/// <summary>How figures are written and drawn: values in their units, and bar charts with their data beside them.</summary>
public static class FigureFormat
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    public static bool IsRate(FigureDefinition f) => f.Aggregate is Aggregate.Rate or Aggregate.ChangeRatio;

    public static string Value(FigureDefinition f, decimal? value) => value is not { } v ? "—" : f.Aggregate switch
    {
        Aggregate.Rate => (v * 100).ToString("0.0", En) + "%",
        Aggregate.ChangeRatio => (v >= 0 ? "+" : "−") + Math.Abs(v * 100).ToString("0.0", En) + "%",
        Aggregate.ChangeDifference => (v >= 0 ? "+" : "−") + Math.Abs(v).ToString("N0", En),
        Aggregate.Mean => (v >= 0 ? "+" : "−") + Math.Abs(v).ToString("0.0", En) + " " + f.Unit,
        Aggregate.Sum => v.ToString(v == Math.Round(v) ? "N0" : "N1", En) + " " + f.Unit,
        _ => v.ToString("N0", En),
    };

    /// <summary>What a value is made of, in words: "1,056 of 1,103", or "826 episodes".</summary>
    public static string Basis(FigureDefinition f, FigureValue v) => f.Aggregate switch
    {
        Aggregate.Rate => $"{v.Numerator.ToString("N0", En)} of {v.Denominator.ToString("N0", En)}",
        Aggregate.Mean or Aggregate.Sum => $"over {v.Denominator.ToString("N0", En)} {(v.Denominator == 1 ? "discharge or episode" : "discharges or episodes")}",
        _ => $"{v.Numerator.ToString("N0", En)} this period",
    };

    /// <summary>
    /// A bar chart (inline SVG, described for screen readers) with the same numbers in a table beside it, so the
    /// chart is never the only way to read them.
    /// </summary>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<(string Label, decimal? Value)> points, Func<decimal?, string> format,
        bool percent)
    {
        const int width = 560, height = 180, left = 8, bottom = 22;
        var values = points.Select(p => p.Value ?? 0).ToList();
        var max = percent ? 1m : Math.Max(values.DefaultIfEmpty(0).Max(), 1);
        var min = Math.Min(values.DefaultIfEmpty(0).Min(), 0);
        var span = max - min == 0 ? 1 : max - min;
        var barWidth = points.Count == 0 ? 0 : (width - left) / (double)points.Count;
        var zero = height - bottom - (double)((0 - min) / span) * (height - bottom - 8);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"hw-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(title)}: the numbers are in the table beside the chart</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width}\" y1=\"{zero:0.#}\" y2=\"{zero:0.#}\" class=\"hw-chart__axis\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v)
                continue;
            var y = height - bottom - (double)((v - min) / span) * (height - bottom - 8);
            var top = Math.Min(y, zero);
            var h = Math.Max(Math.Abs(zero - y), 1);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + i * barWidth + 2:0.#}\" y=\"{top:0.#}\" width=\"{Math.Max(barWidth - 4, 1):0.#}\" height=\"{h:0.#}\" class=\"hw-chart__bar\"/>");
        }
        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 6}\" class=\"hw-chart__label\">{E(points[0].Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width}\" y=\"{height - 6}\" text-anchor=\"end\" class=\"hw-chart__label\">{E(points[^1].Label)}</text>");
        }
        svg.Append("</svg>");

        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"<table class=\"nhsuk-table hw-chart-table\" id=\"{id}-table\"><caption class=\"nhsuk-table__caption nhsuk-table__caption--s\">{E(title)}</caption>");
        table.Append("<thead class=\"nhsuk-table__head\"><tr><th scope=\"col\" class=\"nhsuk-table__header\">Period</th><th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Value</th></tr></thead><tbody class=\"nhsuk-table__body\">");
        foreach (var (label, value) in points)
            table.Append(CultureInfo.InvariantCulture, $"<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">{E(label)}</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">{E(format(value))}</td></tr>");
        table.Append("</tbody></table>");
        return new HtmlString($"<div class=\"nhsuk-grid-row hw-chart-pair\"><div class=\"nhsuk-grid-column-two-thirds\">{svg}</div><div class=\"nhsuk-grid-column-one-third\">{table}</div></div>");
    }

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
