using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Homeward.Web.TagHelpers;

/// <summary>
/// NHS.UK form fields (label, hint, error message, control) in one tag, so every field of every form is
/// marked up the same accessible way: the error is linked by aria-describedby and the id matches the
/// error summary's link.
/// </summary>
public abstract class NhsFieldTagHelper : TagHelper
{
    public required string Name { get; set; }
    public required string Label { get; set; }
    public string? Hint { get; set; }
    public string? Value { get; set; }
    public FormErrors? Errors { get; set; }
    public bool Required { get; set; }
    /// <summary>The element id and error key when several forms on a page share a field name.</summary>
    public string? FieldId { get; set; }

    protected string Id => FormErrors.IdOf(FieldId ?? Name);
    protected string? Error => Errors?.For(FieldId ?? Name);

    protected static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    protected string DescribedBy()
    {
        var ids = new List<string>();
        if (Hint is not null) ids.Add($"{Id}-hint");
        if (Error is not null) ids.Add($"{Id}-error");
        return ids.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', ids)}\"";
    }

    protected string HintAndError() =>
        (Hint is null ? "" : $"<div class=\"nhsuk-hint\" id=\"{Id}-hint\">{E(Hint)}</div>") +
        (Error is null ? "" : $"<span class=\"nhsuk-error-message\" id=\"{Id}-error\"><span class=\"nhsuk-u-visually-hidden\">Error: </span>{E(Error)}</span>");

    protected void Group(TagHelperOutput output, string inner)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "nhsuk-form-group" + (Error is null ? "" : " nhsuk-form-group--error"));
        output.Content.SetHtmlContent(inner);
    }
}

[HtmlTargetElement("nhs-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsInputTagHelper : NhsFieldTagHelper
{
    public string Type { get; set; } = "text";
    public string? Width { get; set; }
    public string? Autocomplete { get; set; }
 public string? Inputmode { get; set; }
    /// <summary>The id of a datalist of suggestions (hospital sites, wards).</summary>
    public string? Suggestions { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var css = "nhsuk-input" + (Width is null ? "" : $" nhsuk-input--width-{Width}") + (Error is null ? "" : " nhsuk-input--error");
        var extra = (Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"") + (Inputmode is null ? "" : $" inputmode=\"{E(Inputmode)}\"")
                    + (Required ? " aria-required=\"true\"" : "") + (Suggestions is null ? "" : $" list=\"{E(Suggestions)}\"");
        Group(output, $"<label class=\"nhsuk-label\" for=\"{Id}\">{E(Label)}</label>{HintAndError()}" +
                      $"<input class=\"{css}\" id=\"{Id}\" name=\"{E(Name)}\" type=\"{E(Type)}\" value=\"{E(Value)}\"{extra}{DescribedBy()}>");
    }
}

[HtmlTargetElement("nhs-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsTextareaTagHelper : NhsFieldTagHelper
{
    public int Rows { get; set; } = 4;
    /// <summary>The most characters the field takes (the browser stops there): for forms kept offline, whose input the server cannot refuse in time.</summary>
    public int? MaxLength { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output) =>
        Group(output, $"<label class=\"nhsuk-label\" for=\"{Id}\">{E(Label)}</label>{HintAndError()}" +
                      $"<textarea class=\"nhsuk-textarea{(Error is null ? "" : " nhsuk-textarea--error")}\" id=\"{Id}\" name=\"{E(Name)}\" rows=\"{Rows}\"" +
                      $"{(MaxLength is { } most ? $" maxlength=\"{most}\"" : "")}{(Required ? " aria-required=\"true\"" : "")}{DescribedBy()}>{E(Value)}</textarea>");
}

[HtmlTargetElement("nhs-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsSelectTagHelper : NhsFieldTagHelper
{
    public required IEnumerable<(string Value, string Label)> Options { get; set; }
    public string? Blank { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var options = new StringBuilder();
        if (Blank is not null)
            options.Append($"<option value=\"\">{E(Blank)}</option>");
        foreach (var (value, label) in Options)
            options.Append($"<option value=\"{E(value)}\"{(string.Equals(value, Value, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{E(label)}</option>");
        Group(output, $"<label class=\"nhsuk-label\" for=\"{Id}\">{E(Label)}</label>{HintAndError()}" +
                      $"<select class=\"nhsuk-select{(Error is null ? "" : " nhsuk-select--error")}\" id=\"{Id}\" name=\"{E(Name)}\"{DescribedBy()}>{options}</select>");
    }
}

/// <summary>Radios in a fieldset; the first radio carries the field's id so the error summary can focus it.</summary>
[HtmlTargetElement("nhs-radios", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsRadiosTagHelper : NhsFieldTagHelper
{
    public required IEnumerable<(string Value, string Label)> Options { get; set; }
    public bool Inline { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var items = new StringBuilder();
        var i = 0;
        foreach (var (value, label) in Options)
        {
            var id = i++ == 0 ? Id : $"{Id}-{i}";
            var isChecked = string.Equals(value, Value, StringComparison.OrdinalIgnoreCase) ? " checked" : "";
            items.Append($"<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"{id}\" name=\"{E(Name)}\" type=\"radio\" value=\"{E(value)}\"{isChecked}>" +
                         $"<label class=\"nhsuk-label nhsuk-radios__label\" for=\"{id}\">{E(label)}</label></div>");
        }
        Group(output, $"<fieldset class=\"nhsuk-fieldset\"{DescribedBy()}><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">{E(Label)}</legend>" +
                      $"{HintAndError()}<div class=\"nhsuk-radios{(Inline ? " nhsuk-radios--inline" : "")}\" data-module=\"nhsuk-radios\">{items}</div></fieldset>");
    }
}

/// <summary>Checkboxes in a fieldset (several values under one name); the first box carries the field's id so the error summary can focus it.</summary>
[HtmlTargetElement("nhs-checkboxes", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsCheckboxesTagHelper : NhsFieldTagHelper
{
    public required IEnumerable<(string Value, string Label)> Options { get; set; }
    /// <summary>The values ticked.</summary>
    public IEnumerable<string> Values { get; set; } = [];
    public bool Small { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var ticked = Values.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var items = new StringBuilder();
        var i = 0;
        foreach (var (value, label) in Options)
        {
            var id = i++ == 0 ? Id : $"{Id}-{i}";
            items.Append($"<div class=\"nhsuk-checkboxes__item\"><input class=\"nhsuk-checkboxes__input\" id=\"{id}\" name=\"{E(Name)}\" type=\"checkbox\" value=\"{E(value)}\"{(ticked.Contains(value) ? " checked" : "")}>" +
                         $"<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"{id}\">{E(label)}</label></div>");
        }
        Group(output, $"<fieldset class=\"nhsuk-fieldset\"{DescribedBy()}><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">{E(Label)}</legend>" +
                      $"{HintAndError()}<div class=\"nhsuk-checkboxes{(Small ? " nhsuk-checkboxes--small" : "")}\" data-module=\"nhsuk-checkboxes\">{items}</div></fieldset>");
    }
}
