namespace Homeward.Common;

/// <summary>One page of a list, with the total so a client can page through it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    public const int MaxPageSize = 100;

    /// <summary>Checks page and size from a query string, adding problems for bad values.</summary>
    public static (int Page, int Size) Check(Problems problems, int? page, int? size)
    {
        if (page is < 1)
            problems.Add("page", "The page number starts at 1.");
        if (size is < 1 or > MaxPageSize)
            problems.Add("pageSize", $"The page size must be between 1 and {MaxPageSize}.");
        return (Math.Max(page ?? 1, 1), Math.Clamp(size ?? 25, 1, MaxPageSize));
    }
}
