using Homeward.People.SubjectAccessRequests;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// A <see cref="Document"/> as a PDF (PdfPig's writer): A4, Helvetica, the title, then each section's heading and its
/// lines, wrapped to the page and carried over pages. The standard fonts write Windows-1252 only: characters outside it
/// are written as their nearest plain equivalent.
/// </summary>
public static class DocumentPdf
{
    private const double Margin = 50, Size = 10, Leading = 14;

    /// <summary>A released subject access request's document: its PDF and the file name it is sent as.</summary>
    public static (byte[] Pdf, string FileName) Of(SubjectAccessRequestView request) =>
        (Write(request.Document, $"Subject access request received {request.ReceivedOn:d MMMM yyyy}"),
         $"subject-access-{request.ReceivedOn:yyyy-MM-dd}-{request.Id.ToString()[..8]}.pdf");

    public static byte[] Write(Document document, string footer)
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var pageSize = PageSize.A4;
        PdfPageBuilder page = null!;
        double y = 0, width = 0;
        var pages = 0;

        void NewPage()
        {
            page = builder.AddPage(pageSize);
            pages++;
            width = page.PageSize.Width - 2 * Margin;
            y = page.PageSize.Height - Margin;
            page.AddText(Plain($"{footer}, page {pages}"), 8, new PdfPoint(Margin, Margin / 2), regular);
        }

        double Measure(string text, double size, PdfDocumentBuilder.AddedFont font)
        {
            var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
            return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }

        void Write(string text, double size, PdfDocumentBuilder.AddedFont font, double indent = 0)
        {
            var line = "";
            foreach (var word in Plain(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var longer = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && Measure(longer, size, font) > width - indent)
                {
                    Emit(line, size, font, indent);
                    line = word;
                }
                else
                    line = longer;
            }
            Emit(line, size, font, indent);
        }

        void Emit(string line, double size, PdfDocumentBuilder.AddedFont font, double indent)
        {
            if (y < Margin + Leading)
                NewPage();
            page.AddText(line, size, new PdfPoint(Margin + indent, y), font);
            y -= size * 1.4;
        }

        NewPage();
        Write(document.Title, 16, bold);
        Write($"Made {People.SubjectAccessRequests.SubjectAccessDocumentText.When(document.MadeAt)}", Size, regular);
        foreach (var section in document.Sections)
        {
            y -= Leading / 2;
            Write(section.Heading, 13, bold);
            foreach (var line in section.Lines)
            {
                Write(line.Label, Size, bold);
                Write(line.Text, Size, regular, indent: 12);
            }
        }
        return builder.Build();
    }

    /// <summary>What Helvetica can write: typographic characters outside Windows-1252 made plain.</summary>
    public static string Plain(string text) => new([.. text
        .Replace("−", "-").Replace("→", "->").Replace("≤", "<=").Replace("≥", ">=")
        .Select(c => c is '\n' or '\r' or '\t' ? ' ' : c <= '\u00ff' || "–—‘’“”…•€".Contains(c) ? c : '?')]);
}
