namespace Homeward.Returns;

/// <summary>
/// A national return as a table: what it is, the period, its columns and rows (as the file will hold them), and notes.
/// <paramref name="Numbers"/> names the columns that hold counts, means or rates: only those go into a spreadsheet as
/// numbers; everything else (NHS numbers, codes, dates, labels) stays text, exactly as written.
/// </summary>
public sealed record ReturnTable(string Code, string Title, Figures.Period Period, IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Notes, IReadOnlyCollection<string>? Numbers = null)
{
    public bool IsNumber(int column) => Numbers?.Contains(Columns[column]) == true;

    /// <summary>What the return's validation found (Client Level Data is checked against its specification); empty when nothing.</summary>
    public IReadOnlyList<ReturnProblem> Problems { get; init; } = [];

    /// <summary>A file with errors is not offered for submission.</summary>
    public bool Submittable => !Problems.Any(p => p.Blocking);
}

/// <summary>One thing wrong with a return's file: the row (1 is the first after the header), the field, and why. Warnings do not block it.</summary>
public sealed record ReturnProblem(int Row, string Field, string Message, bool Blocking);

/// <summary>What Homeward produces: the national returns and measures as collected in 2025–26, and local analyses labelled as such.</summary>
public enum ReturnCode
{
    /// <summary>Adult Social Care Client Level Data (Release 2): one row per request, assessment, service and review.</summary>
    Cld,
    /// <summary>ASCOF 2A (refreshed): new clients whose short-term support (ST-Max) was followed by no request for ongoing support.</summary>
    Ascof2A,
    /// <summary>ASCOF 2D (refreshed): people 65+ discharged into reablement who stayed in the community for 12 weeks (part 1), and how many discharges went into reablement (part 2).</summary>
    Ascof2D,
    /// <summary>Local measure: at home 91 days after discharge into reablement or rehabilitation (the former SALT-based ASCOF 2B), from the follow-up calls.</summary>
    Local91Days,
    /// <summary>The NHS England weekly intermediate care data collection.</summary>
    WeeklyIntermediateCare,
    /// <summary>Discharge delays from the Discharge Ready Date (monthly).</summary>
    DischargeDelays,
    /// <summary>Urgent community response 2-hour standard, and the 2-day standard for reablement (monthly).</summary>
    UrgentResponse,
    /// <summary>The Better Care Fund 2025–26 metrics, as far as the records draw them (quarterly).</summary>
    Bcf,
    /// <summary>Local analyses in SALT's short-term support layouts (SALT is no longer collected).</summary>
    Sts001,
    Sts002a,
    Sts002b,
    Sts004,
}
