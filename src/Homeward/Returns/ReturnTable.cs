namespace Homeward.Returns;

/// <summary>A national return as a table: what it is, the period, its columns and rows (as the file will hold them), and notes.</summary>
public sealed record ReturnTable(string Code, string Title, Figures.Period Period, IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Notes);

public enum ReturnCode
{
    /// <summary>ASCOF 2B(1) and 2B(2): still at home 91 days after discharge into reablement or rehabilitation.</summary>
    Ascof2B,
    /// <summary>ASCOF 2D: new clients whose short-term support left them needing no long-term support.</summary>
    Ascof2D,
    Sts001,
    Sts002a,
    Sts002b,
    Sts004,
    /// <summary>Client Level Data: Request, Assessment, Service and Review events.</summary>
    Cld,
    /// <summary>The NHS England weekly intermediate care data collection.</summary>
    WeeklyIntermediateCare,
}
