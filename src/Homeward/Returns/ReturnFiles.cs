using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Homeward.Returns;

public enum ReturnFormat { Csv, Xlsx, Json }

/// <summary>Writes a return as a file: CSV (the columns, then the rows) or XLSX (the return on one sheet, its notes on another).</summary>
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
                var rows = table.Rows.Select(r => (IDictionary<string, object>)table.Columns.Select((c, i) => (c, (object)Cell(r[i])))
                    .ToDictionary(x => x.c, x => x.Item2)).ToList();
                var notes = new[] { $"{table.Title}", $"Period: {table.Period.From:yyyy-MM-dd} to {table.Period.To:yyyy-MM-dd}" }.Concat(table.Notes)
                    .Select(n => (IDictionary<string, object>)new Dictionary<string, object> { ["Notes"] = n }).ToList();
                var sheets = new Dictionary<string, object> { ["Return"] = rows, ["Notes"] = notes };
                await MiniExcel.SaveAsAsync(stream, sheets, cancellationToken: ct);
                break;
            default:
                await System.Text.Json.JsonSerializer.SerializeAsync(stream, table, Common.Json.Options, ct);
                break;
        }
    }

    /// <summary>Numbers go into the spreadsheet as numbers, so that they can be summed there.</summary>
    private static object Cell(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && !text.StartsWith('0') || text == "0"
            ? number : text;
}
