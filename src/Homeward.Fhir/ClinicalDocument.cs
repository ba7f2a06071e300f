using AngleSharp.Dom;
using Ganss.Xss;
using Hl7.Fhir.Model;

namespace Homeward.Fhir;

/// <summary>
/// A clinical document as staff read it: a Transfer of Care discharge summary (a FHIR document Bundle whose first entry
/// is the Composition) or a Composition sent with a referral. Its heading (title, kind, date, authors, the organisation
/// responsible) and each section under its PRSB heading, with the section's narrative (XHTML written by another system,
/// cleaned to plain structure: no scripts, links, images, styles or attributes but a table cell's span) and the coded
/// entries the section names, in words.
/// </summary>
public sealed record ClinicalDocument(string Title, string Kind, string? Status, string? Date, IReadOnlyList<string> Authors, string? Custodian,
    string? Encounter, IReadOnlyList<ClinicalDocument.Section> Sections)
{
    /// <param name="Depth">0 for a top-level section, 1 for a sub-section…</param>
    /// <param name="Html">The narrative, cleaned; null when the section has none.</param>
    /// <param name="Entries">What the section's entries are, one line each.</param>
    public sealed record Section(string Heading, int Depth, string? Html, IReadOnlyList<string> Entries);

    /// <summary>Reads a document Bundle or a Composition as received (FHIR JSON); null when it is neither.</summary>
    /// <param name="others">For a Composition sent on its own: the resources sent with it, by the id or fullUrl they were sent under.</param>
    public static ClinicalDocument? Read(string json, IReadOnlyDictionary<string, Resource>? others = null)
    {
        var resource = FhirFormat.Read(json, FhirFormatKind.Json);
        var (composition, resolve) = resource switch
        {
            Bundle { Type: Bundle.BundleType.Document } b when b.Entry.FirstOrDefault()?.Resource is Composition c => (c, Resolver(b)),
            Composition c => (c, (Func<ResourceReference?, Resource?>)(r => r?.Reference is { } key && others?.GetValueOrDefault(key) is { } found ? found : null)),
            _ => (null, null),
        };
        if (composition is null || resolve is null)
            return null;
        string? Who(ResourceReference? r) => resolve(r) switch
        {
            Practitioner p => Join(NameOf(p.Name), p.Identifier.FirstOrDefault()?.Value is { } id ? $"({id})" : null),
            PractitionerRole role => Join(role.Practitioner?.Display ?? NameOf((resolve(role.Practitioner) as Practitioner)?.Name ?? []),
                SentResources.Concept(role.Code.FirstOrDefault()) is { Length: > 0 } c ? $"({c})" : null,
                role.Organization?.Display ?? (resolve(role.Organization) as Organization)?.Name),
            Organization o => o.Name,
            Device d => d.DeviceName.FirstOrDefault()?.Name,
            _ => r?.Display,
        };
        var sections = new List<Section>();
        void Walk(IEnumerable<Composition.SectionComponent> list, int depth)
        {
            foreach (var s in list)
            {
                var heading = s.Title ?? SentResources.Concept(s.Code);
                sections.Add(new Section(string.IsNullOrWhiteSpace(heading) ? "Untitled section" : heading, depth,
                    s.Text?.Div is { Length: > 0 } div ? Clean(div) : null,
                    [.. s.Entry.Select(e => resolve(e) is { } found ? SentResources.Summary(found) : e.Display ?? e.Reference ?? "").Where(x => x.Length > 0)]));
                Walk(s.Section, depth + 1);
            }
        }
        Walk(composition.Section, 0);
        var encounter = resolve(composition.Encounter) is Encounter enc ? SentResources.Summary(enc).Replace("Encounter: ", "", StringComparison.Ordinal) : composition.Encounter?.Display;
        return new ClinicalDocument(
            composition.Title ?? SentResources.Concept(composition.Type),
            SentResources.Concept(composition.Type),
            composition.Status is { } st ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(st) : null,
            composition.Date,
            [.. composition.Author.Select(Who).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!)],
            Who(composition.Custodian),
            encounter,
            sections);
    }

    /// <summary>Finds a document's resources by reference: by fullUrl (urn:uuid:… or absolute), or by type and id.</summary>
    internal static Func<ResourceReference?, Resource?> Resolver(Bundle bundle)
    {
        var byKey = new Dictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var entry in bundle.Entry)
        {
            if (entry.Resource is not { } resource)
                continue;
            if (entry.FullUrl is { } url)
            {
                byKey.TryAdd(url, resource);
                // An absolute fullUrl (…/Patient/123) also answers the relative reference Patient/123.
                if (url.Split('/') is { Length: >= 2 } parts)
                    byKey.TryAdd($"{parts[^2]}/{parts[^1]}", resource);
            }
            if (resource.Id is { } id)
                byKey.TryAdd($"{resource.TypeName}/{id}", resource);
        }
        return r =>
        {
            if (r?.Reference is not { } key)
                return null;
            if (byKey.TryGetValue(key, out var found))
                return found;
            // An absolute reference to a resource in the document: its last two segments are its type and id.
            var parts = key.Split('/');
            return parts.Length >= 2 && byKey.TryGetValue($"{parts[^2]}/{parts[^1]}", out var tail) ? tail : null;
        };
    }

    private static readonly HtmlSanitizer Cleaner = NewCleaner();

    private static HtmlSanitizer NewCleaner()
    {
        var cleaner = new HtmlSanitizer();
        cleaner.AllowedTags.Clear();
        foreach (var tag in new[] { "div", "p", "br", "span", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
                     "b", "strong", "i", "em", "u", "sub", "sup", "pre", "code", "blockquote", "hr", "h1", "h2", "h3", "h4", "h5", "h6" })
            cleaner.AllowedTags.Add(tag);
        cleaner.AllowedAttributes.Clear();
        foreach (var attribute in new[] { "colspan", "rowspan", "scope" })
            cleaner.AllowedAttributes.Add(attribute);
        cleaner.AllowedCssProperties.Clear();
        cleaner.AllowedAtRules.Clear();
        cleaner.AllowedSchemes.Clear();
        cleaner.AllowedClasses.Clear();
        cleaner.UriAttributes.Clear();
        // A link's or other removed element's words are kept (a script's and a style's are not).
        cleaner.KeepChildNodes = true;
        cleaner.RemovingTag += (_, e) =>
        {
            if (e.Tag.NodeName is "SCRIPT" or "STYLE" or "TEMPLATE" or "IFRAME" or "OBJECT" or "NOSCRIPT" or "TITLE")
                e.Tag.TextContent = "";
        };
        // The sender's headings sit under the page's own: shown as bold lines, so the page's heading order holds.
        cleaner.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "h1" or "h2" or "h3" or "h4" or "h5" or "h6" } heading && heading.Owner is { } owner)
            {
                var line = owner.CreateElement("p");
                var strong = owner.CreateElement("strong");
                strong.TextContent = heading.TextContent;
                line.AppendChild(strong);
                e.ReplacementNodes.Add(line);
            }
        };
        return cleaner;
    }

    /// <summary>Another system's XHTML, cleaned for showing to staff.</summary>
    public static string Clean(string xhtml)
    {
        lock (Cleaner) // the cleaner's settings are fixed; its events make it unsafe to share between threads
            return Cleaner.Sanitize(xhtml).Trim();
    }

    private static string NameOf(IEnumerable<HumanName> names)
    {
        var n = names.FirstOrDefault(x => x.Use == HumanName.NameUse.Official) ?? names.FirstOrDefault();
        return n is null ? "" : n.Text ?? string.Join(' ', n.Prefix.Concat(n.Given).Append(n.Family).Where(s => !string.IsNullOrWhiteSpace(s)));
    }

    private static string? Join(params string?[] parts)
    {
        var text = string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return text.Length == 0 ? null : text;
    }
}
