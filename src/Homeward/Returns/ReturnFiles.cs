using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Homeward.Returns;

public enum ReturnFormat { Csv, Xlsx, Json }

/// <summary>
/// Writes a return as a file: CSV (the columns, then the rows) or XLSX (the return on one sheet, its notes on
/// another), written with the Open XML SDK so that the workbook is valid OOXML. In the spreadsheet only the columns
/// the return names as numbers are numbers; identifiers and codes (NHS numbers, ODS codes, dates) are text.
/// </summary>
public static class ReturnFiles
{
    public static string ContentType(ReturnFormat format) => format switch
    {
        ReturnFormat.Csv => "text/csv; charset=utf-8",
        ReturnFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/json",
    };

    public static string FileName(ReturnTable table, ReturnFormat format) =>
        $"{table.Code}-{table.Period.From:yyyy-MM-dd}-to-{table.Period.To:yyyy-MM-dd}.{format.ToString().ToLowerInvariant()}";

    /// <summary>The file in memory, for an answer that names its length.</summary>
    public static async Task<byte[]> Bytes(ReturnTable table, ReturnFormat format, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await Write(table, format, buffer, ct);
        return buffer.ToArray();
    }

    public static async Task Write(ReturnTable table, ReturnFormat format, Stream stream, CancellationToken ct)
    {
        switch (format)
        {
            case ReturnFormat.Csv:
                await WriteCsv(table.Columns, table.Rows, stream, ct);
                break;
            case ReturnFormat.Xlsx:
                // The package is built in memory (the SDK needs a seekable stream), then copied out.
                using (var buffer = new MemoryStream())
                {
                    WriteWorkbook(table, buffer);
                    buffer.Position = 0;
                    await buffer.CopyToAsync(stream, ct);
                }
                break;
            default:
                await System.Text.Json.JsonSerializer.SerializeAsync(stream, table, Common.Json.Options, ct);
                break;
        }
    }

    /// <summary>
    /// A header and rows as CSV. Text that a spreadsheet would run as a formula (=, +, −, @) is escaped: exports must
    /// not carry injections.
    /// </summary>
    public static async Task WriteCsv(IEnumerable<string> columns, IEnumerable<IReadOnlyList<string>> rows, Stream stream, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        await csv.WriteRecordAsync([.. columns], ct);
        foreach (var row in rows)
            await csv.WriteRecordAsync([.. row], ct);
        await csv.FlushAsync(ct);
    }

    private static void WriteWorkbook(ReturnTable table, Stream stream)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        // The fastest deflate: a year of Client Level Data is hundreds of megabytes of sheet XML before compression.
        document.CompressionOption = System.IO.Packaging.CompressionOption.SuperFast;
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheets = workbook.Workbook.AppendChild(new Sheets());

        var returnRows = new List<IEnumerable<(string Value, bool Number)>> { table.Columns.Select(c => (c, false)) };
        returnRows.AddRange(table.Rows.Select(row => row.Select((value, i) => (value, table.IsNumber(i)))));
        AddSheet(workbook, sheets, 1, "Return", returnRows);

        var notes = new[] { "Notes", table.Title, $"Period: {table.Period.From:yyyy-MM-dd} to {table.Period.To:yyyy-MM-dd}" }.Concat(table.Notes)
            .Select(n => (IEnumerable<(string, bool)>)[(n, false)]);
        AddSheet(workbook, sheets, 2, "Notes", notes);
        workbook.Workbook.Save();
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>
    /// A sheet's XML written straight to its part as text (a year of Client Level Data is millions of cells: no object,
    /// not even an XML writer's bookkeeping, for each): text as inline strings, escaped; numbers as numbers; an empty
    /// cell empty; characters XML cannot carry left out.
    /// </summary>
    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IEnumerable<IEnumerable<(string Value, bool Number)>> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var xml = new StreamWriter(part.GetStream(FileMode.Create), new System.Text.UTF8Encoding(false), 1 << 16))
        {
            xml.Write($"<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><worksheet xmlns=\"{Main}\"><sheetData>");
            var r = 0;
            foreach (var cells in rows)
            {
                var row = (++r).ToString(CultureInfo.InvariantCulture);
                xml.Write("<row r=\"");
                xml.Write(row);
                xml.Write("\">");
                var c = 0;
                foreach (var (value, number) in cells)
                {
                    xml.Write("<c r=\"");
                    xml.Write(Column(c++));
                    xml.Write(row);
                    if (number && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
                    {
                        xml.Write("\"><v>");
                        xml.Write(n.ToString(CultureInfo.InvariantCulture));
                        xml.Write("</v></c>");
                    }
                    else if (value.Length > 0)
                    {
                        // Inline text; a leading or trailing space is kept only when the element says so.
                        xml.Write(char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])
                            ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" : "\" t=\"inlineStr\"><is><t>");
                        WriteEscaped(xml, XmlSafe(value));
                        xml.Write("</t></is></c>");
                    }
                    else
                        xml.Write("\"/>"); // an empty cell stays empty: a year of CLD has millions of blank fields
                }
                xml.Write("</row>");
            }
            xml.Write("</sheetData></worksheet>");
        }
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static void WriteEscaped(TextWriter xml, string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text[i] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '\r' => "&#13;", _ => null };
            if (entity is null)
                continue;
            xml.Write(text.AsSpan(start, i - start));
            xml.Write(entity);
            start = i + 1;
        }
        xml.Write(text.AsSpan(start));
    }

    private static string XmlSafe(string text)
    {
        if (text.All(System.Xml.XmlConvert.IsXmlChar))
            return text;
        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && System.Xml.XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                kept.Append(text, i++, 2); // a character beyond the basic plane (an emoji, a rare name)
            else if (System.Xml.XmlConvert.IsXmlChar(text[i]))
                kept.Append(text[i]);
        }
        return kept.ToString();
    }

    private static readonly string[] Columns = [.. Enumerable.Range(0, 128).Select(ColumnName)];

    private static string Column(int index) => index < Columns.Length ? Columns[index] : ColumnName(index);

    private static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);
}
