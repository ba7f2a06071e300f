namespace Homeward.Web.TagHelpers;

/// <summary>
/// The problems with a submitted form, keyed by field name (the same names the API uses, like
/// <c>person.nhsNumber</c>), in the order they were found, for the error summary and the fields.
/// </summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> _items = [];

    public static FormErrors From(IReadOnlyDictionary<string, string[]> errors)
    {
        var result = new FormErrors();
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                result.Add(field, message);
        return result;
    }

    public bool Any => _items.Count > 0;

    public IReadOnlyList<(string Field, string Message)> Items => _items;

    public void Add(string field, string message) => _items.Add((field, message));

    /// <summary>Every problem with the field, one after another (a list typed a line each can have several).</summary>
    public string? For(string field)
    {
        var messages = _items.Where(i => string.Equals(i.Field, field, StringComparison.OrdinalIgnoreCase)).Select(i => i.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>The element id of a field: dots become hyphens (<c>person-nhsNumber</c>).</summary>
    public static string IdOf(string field) => field.Replace('.', '-');
}
