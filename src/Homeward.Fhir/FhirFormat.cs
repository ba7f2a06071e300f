using System.Text.Json;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Homeward.Fhir;

public enum FhirFormatKind { Json, Xml }

/// <summary>
/// Reading and writing FHIR with the Firely SDK. Reading is strict (unknown elements, bad codes and bad dates are
/// errors) and reports every problem with its place; malformed JSON or XML, nesting deeper than 64, and a body above
/// <see cref="MaxBytes"/> are refused with a clear message, never a crash.
/// </summary>
public static class FhirFormat
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const string JsonType = "application/fhir+json";
    public const string XmlType = "application/fhir+xml";

    private static readonly FhirJsonDeserializer Json = new(new DeserializerSettings());
    private static readonly FhirXmlDeserializer Xml = new(new DeserializerSettings());

    /// <summary>The format a request asks for: <c>_format</c> first, then the Accept header; JSON by default.</summary>
    public static FhirFormatKind Negotiate(string? format, string? accept)
    {
        var asked = format ?? accept ?? "";
        return asked.Contains("xml", StringComparison.OrdinalIgnoreCase) && !asked.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? FhirFormatKind.Xml
            : FhirFormatKind.Json;
    }

    public static FhirFormatKind OfContentType(string? contentType) =>
        contentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true ? FhirFormatKind.Xml : FhirFormatKind.Json;

    public static string ContentType(FhirFormatKind kind) => kind == FhirFormatKind.Xml ? XmlType : JsonType;

    public static string Write(Resource resource, FhirFormatKind kind) => kind == FhirFormatKind.Xml ? resource.ToXml() : resource.ToJson();

    /// <summary>Parses a resource or throws <see cref="FhirException"/> (400) listing every problem.</summary>
    public static Resource Read(string text, FhirFormatKind kind)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw FhirException.Invalid("", "The request has no body: send a FHIR resource.");
        if (text.Length > MaxBytes)
            throw FhirException.Invalid("", $"The body is larger than {MaxBytes / 1024 / 1024} MB.");
        try
        {
            return kind == FhirFormatKind.Xml ? Xml.DeserializeResource(text) : Json.DeserializeResource(text);
        }
        catch (DeserializationFailedException e)
        {
            throw new FhirException(400, [.. e.Exceptions.Select(x => new FhirProblem(Where(x.Message), x.Message, OperationOutcome.IssueType.Structure))]);
        }
        catch (JsonException e)
        {
            throw FhirException.Invalid("", $"The body is not valid JSON: {e.Message.Split(" LineNumber")[0]} (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}).");
        }
        catch (XmlException e)
        {
            throw FhirException.Invalid("", $"The body is not valid XML: {e.Message}");
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // The parser's own refusals of input it cannot read at all (an array where a resource should be, …).
            throw FhirException.Invalid("", $"The body cannot be read as a FHIR resource: {e.Message}");
        }
    }

    /// <summary>The element path in a Firely message ("… At Patient.gender, line 1, position 55.").</summary>
    private static string Where(string message)
    {
        var at = message.LastIndexOf(" At ", StringComparison.Ordinal);
        if (at < 0)
            return "";
        var path = message[(at + 4)..].Split(',')[0].TrimEnd('.');
        return path == "$this" ? "" : path;
    }
}
