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

    public static async Task Write(ReturnTable table, ReturnFormat format, Stream stream, CancellationToken ct)
    {
        switch (format)
        {
            case ReturnFormat.Csv:
                // Text that a spreadsheet would run as a formula (=, +, −, @) is escaped: exports must not carry injections.
                await using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true))
                {
                    await csv.WriteRecordAsync([.. table.Columns], ct);
                    foreach (var row in table.Rows)
                        await csv.WriteRecordAsync([.. row], ct);
                    await csv.FlushAsync(ct);
                }
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

    private static void WriteWorkbook(ReturnTable table, Stream stream)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheets = workbook.Workbook.AppendChild(new Sheets());

        var returnRows = new List<IEnumerable<Cell>> { table.Columns.Select(Text) };
        returnRows.AddRange(table.Rows.Select(row => row.Select((value, i) => table.IsNumber(i) ? Number(value) : Text(value))));
        AddSheet(workbook, sheets, 1, "Return", returnRows);

        var notes = new[] { "Notes", table.Title, $"Period: {table.Period.From:yyyy-MM-dd} to {table.Period.To:yyyy-MM-dd}" }.Concat(table.Notes)
            .Select(n => (IEnumerable<Cell>)[Text(n)]);
        AddSheet(workbook, sheets, 2, "Notes", notes);
        workbook.Workbook.Save();
    }

    /// <summary>A sheet written as a stream (a year of Client Level Data is millions of cells: never built in memory).</summary>
    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IEnumerable<IEnumerable<Cell>> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            uint r = 0;
            foreach (var cells in rows)
            {
                r++;
                writer.WriteStartElement(new Row { RowIndex = r });
                var c = 0;
                foreach (var cell in cells)
                {
                    cell.CellReference = ColumnName(c++) + r.ToString(CultureInfo.InvariantCulture);
                    writer.WriteElement(cell);
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Cell Text(string value) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }) };

    /// <summary>A number column's cell; an empty one (a rate with no denominator) stays empty, never 0.</summary>
    private static Cell Number(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) }
            : Text(value);

    private static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);
}
