using CsvHelper;
using Homeward.Common;
using Homeward.Delays;

namespace Homeward.DischargeReady;

/// <summary>
/// The daily list an acute trust's ward systems produce of inpatients referred for discharge support: each row an NHS
/// number, the Discharge Ready Date (blank when the person meets the criteria to reside), and optionally the main
/// delay reason (its national code or its words) and what exactly is awaited. Columns are found by header, in any
/// order and case; other columns are ignored and said so.
/// </summary>
public static class ReadyList
{
    public const string NhsNumber = "nhs_number", ReadyDate = "discharge_ready_date", Reason = "delay_reason", Detail = "delay_detail";
    private static readonly string[] Known = [NhsNumber, ReadyDate, Reason, Detail];

    /// <summary>One row as read: its line in the file, and either its values or what is wrong with it.</summary>
    public sealed record Row(int Line, People.NhsNumber? Nhs, DateOnly? DischargeReadyDate, DelayReason? DelayReason, string? DelayDetail,
        IReadOnlyDictionary<string, string[]> Problems)
    {
        public bool Valid => Problems.Count == 0;
    }

    public sealed record Parsed(IReadOnlyList<Row> Rows, IReadOnlyList<string> IgnoredColumns);

    /// <summary>At most this many rows a file: a large trust has a few hundred people on its list.</summary>
    public const int MostRows = 5000;

    /// <summary>A national delay reason by its code (Pathway1, Transport) or its words as NHS England publishes them; null when none is given.</summary>
    public static DelayReason? DelayReasonOf(Problems problems, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var reason = Enum.GetValues<DelayReason>().Cast<DelayReason?>()
            .FirstOrDefault(r => string.Equals(r.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase)
                                 || string.Equals(r!.Value.Label(), text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (reason is null)
            problems.Add(field, $"'{text}' is not a national delay reason: give its code (for example Pathway1, Transport) or its words as NHS England publishes them.");
        return reason;
    }

    public static Parsed Read(TextReader text)
    {
        using var csv = CsvReader.Create(text, CsvReaderOptions.Default with { TrimWhitespace = true, SkipEmptyLines = true, TrackLineNumbers = true, MalformedData = CsvMalformedDataHandling.Throw }, leaveOpen: true);
        string[] headers;
        try
        {
            csv.ReadHeader();
            headers = [.. csv.Headers.Select(h => h.Trim().ToLowerInvariant())];
        }
        catch (Exception e) when (e is CsvFormatException)
        {
            throw ValidationFailedException.For("file", $"The file is not CSV a spreadsheet would read: {e.Message}");
        }
        var problems = new Problems();
        if (!headers.Contains(NhsNumber))
            problems.Add("file", $"The first line names the columns; it has no '{NhsNumber}' column (found: {(headers.Length == 0 ? "nothing" : string.Join(", ", headers))}).");
        if (!headers.Contains(ReadyDate))
            problems.Add("file", $"The first line has no '{ReadyDate}' column: give it, blank for people who meet the criteria to reside.");
        problems.ThrowIfAny();
        int Column(string name) => Array.IndexOf(headers, name);
        string? Field(int column) => column < 0 || column >= csv.FieldCount ? null : csv.GetString(column);

        var rows = new List<Row>();
        while (true)
        {
            try
            {
                if (!csv.Read())
                    break;
            }
            catch (Exception e) when (e is CsvFormatException)
            {
                rows.Add(new Row(rows.Count + 2, null, null, null, null, new Dictionary<string, string[]> { ["file"] = [$"Not readable as CSV from here on: {e.Message}"] }));
                break;
            }
            if (rows.Count == MostRows)
                throw ValidationFailedException.For("file", $"The file has more than {MostRows} rows: send the day's list, not an archive.");
            var line = (int)csv.LineNumber;
            var row = new Problems();
            var nhsText = Field(Column(NhsNumber));
            var nhs = row.NhsNumber(NhsNumber, string.IsNullOrEmpty(nhsText) ? null : nhsText);
            if (string.IsNullOrEmpty(nhsText))
                row.Add(NhsNumber, "Enter the NHS number.");
            var ready = row.Date(ReadyDate, Field(Column(ReadyDate)), "the discharge ready date", required: false);
            var reasonText = Field(Column(Reason));
            var reason = DelayReasonOf(row, Reason, reasonText);
            var detail = row.Optional(Detail, Field(Column(Detail)), 200, "what exactly is awaited");
            if (reason is null && detail is not null && row.ToDictionary().Count == 0)
                row.Add(Detail, "A delay detail goes with a delay reason: give the reason too.");
            rows.Add(new Row(line, nhs, ready, reason, detail, row.ToDictionary()));
        }
        return new Parsed(rows, [.. headers.Where(h => !Known.Contains(h))]);
    }
}
