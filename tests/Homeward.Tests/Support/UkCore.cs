using Hl7.Fhir.Model;

namespace Homeward.Tests.Support;

/// <summary>
/// Firely's validator with NHS England's UK Core package (read in place from ../shared/fhir/uk-core) and the base R4
/// specification, as the app runs it (<see cref="Homeward.Fhir.UkCoreValidator"/>): what Homeward sends is checked
/// against the official profiles, not against our reading of them.
/// </summary>
public static class UkCore
{
    public const string Patient = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient";
    public const string ServiceRequest = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest";
    public const string Composition = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Composition";
    public const string Bundle = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Bundle";

    /// <summary>The package beside the repository, as CI and a developer's machine have it.</summary>
    public static string Folder => Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "fhir", "uk-core"));

    private static readonly Lazy<Homeward.Fhir.UkCoreValidator> Shared = new(() => new Homeward.Fhir.UkCoreValidator(Folder));

    /// <summary>The validator every test app shares (registered after the app's own, so it wins).</summary>
    public static Homeward.Fhir.UkCoreValidator Validator => Shared.Value;

    /// <summary>The errors (and fatal issues) the validator finds against a profile, as "where: what" lines.</summary>
    public static IReadOnlyList<string> Errors(Resource resource, string profile) =>
        [.. Shared.Value.Errors(resource, profile).Select(i => $"{string.Join(",", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}")];
}
