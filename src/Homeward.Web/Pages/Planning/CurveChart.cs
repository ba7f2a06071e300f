using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Homeward.Simulation.Optimisation;
using Microsoft.AspNetCore.Html;

namespace Homeward.Web.Pages.Planning;

/// <summary>
/// The trade-off curve of a capacity plan: each plan tried as a point (cost over the period across, the target's
/// measure up, its 95% interval as a bar; filled when it meets the target at the confidence asked for), the target as a
/// dashed line, today's plan and the plan found marked. Beside it, the same numbers in a table.
/// </summary>
public static class CurveChart
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IHtmlContent Of(string id, OptimisedPlan plan)
    {
        const int width = 560, height = 240, left = 56, bottom = 30, top = 10, right = 10;
        var share = plan.Target.Kind != TargetKind.DelayDays;
        var points = plan.Curve.Select(p => (p.Cost, p.Measure, p.Meets, Label: "Tried"))
            .Append((Cost: plan.TodayCost, Measure: plan.TodayMeasure, Meets: plan.Target.MetBy(plan.TodayMeasure), Label: "Today"))
            .Append((Cost: plan.Cost, Measure: plan.Measure, Meets: plan.Meets, Label: "Plan")).ToList();
        var (xMin, xMax) = (points.Min(p => p.Cost), points.Max(p => p.Cost));
        if (xMax - xMin < 1)
            (xMin, xMax) = (xMin - 1, xMax + 1);
        var yValues = points.SelectMany(p => new[] { p.Measure.Mean - p.Measure.HalfWidth, p.Measure.Mean + p.Measure.HalfWidth }).Append(plan.Target.Value).ToList();
        var (yMin, yMax) = (Math.Max(0, yValues.Min()), yValues.Max());
        if (yMax - yMin < 1e-9)
            yMax = yMin + 1;
        double X(double v) => left + (v - xMin) / (xMax - xMin) * (width - left - right);
        double Y(double v) => height - bottom - (v - yMin) / (yMax - yMin) * (height - bottom - top);
        string F(double v) => share ? (v * 100).ToString("0.#", Inv) + "%" : v.ToString("N0", Inv);
        static string Money(double v) => "£" + (v >= 1e6 ? (v / 1e6).ToString("0.0#", Inv) + "m" : v.ToString("N0", Inv));

        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg class=\"hw-chart hw-curve\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" focusable=\"false\">");
        svg.Append(Inv, $"<title id=\"{id}-title\">Cost against {E(Measure(plan.Target))}: the numbers are in the table below the chart</title>");
        svg.Append(Inv, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{height - bottom}\" y2=\"{height - bottom}\" class=\"hw-chart__axis\"/>");
        svg.Append(Inv, $"<line x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{height - bottom}\" class=\"hw-chart__axis\"/>");
        svg.Append(Inv, $"<text x=\"{left - 4}\" y=\"{Y(yMax) + 10:0.#}\" text-anchor=\"end\" class=\"hw-chart__label\">{F(yMax)}</text>");
        svg.Append(Inv, $"<text x=\"{left - 4}\" y=\"{Y(yMin):0.#}\" text-anchor=\"end\" class=\"hw-chart__label\">{F(yMin)}</text>");
        svg.Append(Inv, $"<text x=\"{left}\" y=\"{height - 8}\" class=\"hw-chart__label\">{Money(xMin)}</text>");
        svg.Append(Inv, $"<text x=\"{width - right}\" y=\"{height - 8}\" text-anchor=\"end\" class=\"hw-chart__label\">{Money(xMax)}</text>");
        svg.Append(Inv, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(plan.Target.Value):0.#}\" y2=\"{Y(plan.Target.Value):0.#}\" class=\"hw-curve__target\"/>");
        svg.Append(Inv, $"<text x=\"{left + 4}\" y=\"{Y(plan.Target.Value) - 4:0.#}\" class=\"hw-chart__label\">target {F(plan.Target.Value)}</text>");
        foreach (var p in points)
        {
            var (x, y) = (X(p.Cost), Y(p.Measure.Mean));
            svg.Append(Inv, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Y(p.Measure.Mean - p.Measure.HalfWidth):0.#}\" y2=\"{Y(p.Measure.Mean + p.Measure.HalfWidth):0.#}\" class=\"hw-curve__interval\"/>");
            var kind = p.Label switch { "Plan" => "hw-curve__plan", "Today" => "hw-curve__today", _ => p.Meets ? "hw-curve__met" : "hw-curve__short" };
            svg.Append(Inv, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{(p.Label == "Tried" ? 3.5 : 6)}\" class=\"{kind}\"/>");
            if (p.Label != "Tried")
                svg.Append(Inv, $"<text x=\"{x + 8:0.#}\" y=\"{y + 4:0.#}\" class=\"hw-chart__label\">{p.Label}</text>");
        }
        svg.Append("</svg>");

        var table = new StringBuilder();
        table.Append(Inv, $"<details class=\"nhsuk-details\"><summary class=\"nhsuk-details__summary\"><span class=\"nhsuk-details__summary-text\">The plans tried: the numbers</span></summary><div class=\"nhsuk-details__text\">");
        table.Append(Inv, $"<table class=\"nhsuk-table hw-chart-table\" id=\"{id}-table\"><caption class=\"nhsuk-table__caption nhsuk-table__caption--s\">Plans by cost, with {E(Measure(plan.Target))} and its 95% interval</caption>");
        table.Append("<thead class=\"nhsuk-table__head\"><tr><th scope=\"col\" class=\"nhsuk-table__header\">Plan</th><th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Cost</th><th scope=\"col\" class=\"nhsuk-table__header nhsuk-table__header--numeric\">Measure</th><th scope=\"col\" class=\"nhsuk-table__header\">Meets the target</th></tr></thead><tbody class=\"nhsuk-table__body\">");
        foreach (var p in points.OrderBy(p => p.Cost))
            table.Append(Inv, $"<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">{p.Label}</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">£{p.Cost:N0}</td><td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">{F(p.Measure.Mean)} ± {F(p.Measure.HalfWidth)}</td><td class=\"nhsuk-table__cell\">{(p.Meets ? "Yes" : "No")}</td></tr>");
        table.Append("</tbody></table></div></details>");
        return new HtmlString(svg.ToString() + table);
    }

    /// <summary>What the measure is, in words.</summary>
    public static string Measure(PlanTarget target) => target.Kind switch
    {
        TargetKind.DelayDays => "total delay days",
        TargetKind.StartWithin => $"the share starting within {target.WithinDays} {(target.WithinDays == 1 ? "day" : "days")}",
        _ => "the share turned away",
    };

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
