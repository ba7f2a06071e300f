using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Common;
using Homeward.Hub;
using Homeward.Web.Auth;
using Homeward.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Board;

[Needs(Right.ReadRecords)]
public sealed class IndexModel(Hub.Board board) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Locality { get; set; }
    [BindProperty(SupportsGet = true)] public string? Hospital { get; set; }
    [BindProperty(SupportsGet = true)] public string? Pathway { get; set; }
    [BindProperty(SupportsGet = true)] public string? Route { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Organisation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Desc { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Hub.Board.View? View { get; private set; }
    public FormErrors Errors { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            View = await board.Handle(new Hub.Board.Query(Locality, Hospital, Pathway, Route, Organisation, Status, Sort, Desc ?? true, PageNumber),
                HttpContext.Actor(), ct);
        }
        catch (ValidationFailedException e)
        {
            Errors = FormErrors.From(e.ForPeople);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>This page's address with some query values replaced (null removes one).</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["locality"] = Locality?.ToString(), ["hospital"] = Hospital, ["pathway"] = Pathway, ["route"] = Route,
            ["organisation"] = Organisation?.ToString(), ["status"] = Status, ["sort"] = Sort, ["desc"] = Desc?.ToString().ToLowerInvariant(),
            ["page"] = PageNumber?.ToString(),
        };
        foreach (var (key, value) in changes)
            values[key] = value;
        var query = string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return "/board" + (query.Length == 0 ? "" : "?" + query);
    }

    /// <summary>A sortable column header's link: ascending first for names, descending for numbers, toggling when already sorted.</summary>
    public (string Href, string AriaSort) SortLink(Hub.Board.SortBy column)
    {
        var current = string.Equals(Sort, column.ToString(), StringComparison.OrdinalIgnoreCase);
        var descending = current ? !(Desc ?? true) : column != Hub.Board.SortBy.Name;
        var aria = current ? ((Desc ?? true) ? "descending" : "ascending") : "none";
        return (With(("sort", column.ToString()), ("desc", descending.ToString().ToLowerInvariant()), ("page", null)), aria);
    }
}
