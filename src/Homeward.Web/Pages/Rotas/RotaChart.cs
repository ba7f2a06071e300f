using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Homeward.Rotas;
using Microsoft.AspNetCore.Html;

namespace Homeward.Web.Pages.Rotas;

/// <summary>
/// The rota as a timeline: a row per carer from 06:00 to 23:00, their shift as a pale band, each visit as a bar
/// (red when late, outlined when the person knows the carer), travel as a line, the break hatched. The rounds are
/// also listed in tables, so the chart is never the only way to read them.
/// </summary>
public static class RotaChart
{
    private const int From = 6 * 60, To = 23 * 60, Left = 150, Width = 900, Row = 22;

    public static IHtmlContent Timeline(IReadOnlyList<TeamRotas.Round> rounds)
    {
        var inv = CultureInfo.InvariantCulture;
        var height = 24 + rounds.Count * Row;
        double X(double minutes) => Left + (Math.Clamp(minutes, From, To) - From) * (Width - Left - 4) / (To - From);
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg class=\"hw-rota\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"rota-title\" focusable=\"false\" data-testid=\"rota-timeline\">");
        svg.Append("<title id=\"rota-title\">Each carer's day from 06:00 to 23:00: the rounds are listed in the tables below</title>");
        for (var hour = 6; hour <= 23; hour += 2)
        {
            svg.Append(inv, $"<line x1=\"{X(hour * 60):0.#}\" x2=\"{X(hour * 60):0.#}\" y1=\"14\" y2=\"{height}\" class=\"hw-rota__hour\"/>");
            svg.Append(inv, $"<text x=\"{X(hour * 60):0.#}\" y=\"11\" text-anchor=\"middle\" class=\"hw-chart__label\">{hour:00}:00</text>");
        }
        foreach (var (round, i) in rounds.Select((r, i) => (r, i)))
        {
            var y = 18 + i * Row;
            svg.Append(inv, $"<text x=\"{Left - 6}\" y=\"{y + 13}\" text-anchor=\"end\" class=\"hw-chart__label\">{E(round.Name)}</text>");
            var (shiftStart, shiftEnd) = (RotaPlanning.Minutes(round.ShiftStart), RotaPlanning.Minutes(round.ShiftEnd));
            svg.Append(inv, $"<rect x=\"{X(shiftStart):0.#}\" y=\"{y + 2}\" width=\"{X(shiftEnd) - X(shiftStart):0.#}\" height=\"{Row - 6}\" class=\"hw-rota__shift\"/>");
            if (round.BreakStart is { } b)
                svg.Append(inv, $"<rect x=\"{X(b):0.#}\" y=\"{y + 2}\" width=\"{X(b + round.BreakMinutes) - X(b):0.#}\" height=\"{Row - 6}\" class=\"hw-rota__break\"><title>Break {Clock(b)}</title></rect>");
            double? free = null;
            foreach (var stop in round.Stops)
            {
                if (free is { } f)
                    svg.Append(inv, $"<line x1=\"{X(f):0.#}\" x2=\"{X(stop.Arrival):0.#}\" y1=\"{y + 10}\" y2=\"{y + 10}\" class=\"hw-rota__travel\"/>");
                var css = "hw-rota__visit" + (stop.LateBy > 0 ? " hw-rota__visit--late" : "") + (stop.KnownCarer ? " hw-rota__visit--known" : "");
                svg.Append(inv, $"<rect x=\"{X(stop.Start):0.#}\" y=\"{y + 3}\" width=\"{Math.Max(2, X(stop.Start + stop.Minutes) - X(stop.Start)):0.#}\" height=\"{Row - 8}\" class=\"{css}\">");
                svg.Append(inv, $"<title>{Clock(stop.Start)} {E(stop.PersonName)} ({stop.Minutes} min{(stop.LateBy > 0 ? $", {stop.LateBy} min late" : "")})</title></rect>");
                free = stop.Start + stop.Minutes;
            }
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    public static string Clock(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
