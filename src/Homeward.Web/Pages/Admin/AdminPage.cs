using Homeward.Administration;
using Homeward.Web.Auth;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Admin;

/// <summary>
/// A page of the Administration area: one record of the partnership's set-up, new ("new") or held (its id), with the
/// whole set-up at hand for the choices its form offers.
/// </summary>
public abstract class AdminPage(ReadSetup setup) : ActingPage
{
    /// <summary>"new", or the record's id.</summary>
    [FromRoute] public string Which { get; set; } = "new";
    public bool IsNew => Which == "new";
    public ReadSetup.Setup Setup { get; private set; } = null!;

    protected override string Here => "/admin";

    protected override async Task Load(CancellationToken ct)
    {
        Setup = await setup.Handle(HttpContext.Actor(), ct);
        LoadRecord();
    }

    /// <summary>Finds the record named by <see cref="Which"/> in the set-up (not found: 404).</summary>
    protected abstract void LoadRecord();

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    protected Guid? Id => Guid.TryParse(Which, out var id) ? id : null;

    protected Common.NotFoundException Missing(string what) => new(what, Which);

    /// <summary>A value typed into the form, kept when it was refused; else the held one.</summary>
    public string? V(string field, string? held) => Typed("record", field) ?? held;

    /// <summary>The lines of a text area as a list (wards, postcodes): blank lines dropped.</summary>
    protected IReadOnlyList<string?> Lines(string field) =>
        [.. Request.Form[field].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The ticked values of a checkbox field: as sent when refused, else as held.</summary>
    public IEnumerable<string> Ticked(string field, IEnumerable<string>? held) =>
        FailedStep == "record" && Posted is { } posted ? posted[field].OfType<string>() : held ?? [];

    protected static bool? Flag(string? value) => value switch { "true" => true, "false" => false, _ => null };

    protected static int? Number(string? value) => string.IsNullOrWhiteSpace(value) ? null : int.TryParse(value.Trim(), out var n) ? n : -1;

    /// <summary>Saves through <paramref name="save"/>: back to the administration page with what was done, or the form again with every problem.</summary>
    protected Task<IActionResult> Save<T>(string what, Func<Task<Saved<T>>> save, Func<T, string> name, CancellationToken ct) =>
        Act("record", async () =>
        {
            var saved = await OneFieldPerList(save);
            return $"{what} {name(saved.Record)}: {saved.Said}.";
        }, ct);

    /// <summary>
    /// A list typed one item a line (wards, postcodes) is one field on the form: a problem with its third item
    /// (<c>wards[2]</c>) is said at that field as "Line 3: …".
    /// </summary>
    protected static async Task<T> OneFieldPerList<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Common.ValidationFailedException e)
        {
            var errors = new Dictionary<string, List<string>>();
            foreach (var (field, messages) in e.ForPeople)
            {
                var at = field.IndexOf('[');
                var key = at < 0 ? field : field[..at];
                var prefix = at < 0 || field.IndexOf(']') is not (var end and > 0) || !int.TryParse(field[(at + 1)..end], out var i) || field.Contains('.')
                    ? "" : $"Line {i + 1}: ";
                if (!errors.TryGetValue(key, out var list))
                    errors[key] = list = [];
                list.AddRange(messages.Select(m => prefix + m));
            }
            throw new Common.ValidationFailedException(errors.ToDictionary(x => x.Key, x => x.Value.ToArray()));
        }
    }
}
