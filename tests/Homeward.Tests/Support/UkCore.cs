using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Homeward.Tests.Support;

/// <summary>
/// Firely's validator with NHS England's UK Core package (read in place from ../shared/fhir/uk-core) and the base R4
/// specification: what Homeward sends is checked against the official profiles, not against our reading of them.
/// </summary>
public static class UkCore
{
    public const string Patient = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient";
    public const string ServiceRequest = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest";
    public const string Composition = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Composition";
    public const string Bundle = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Bundle";

    private static readonly Lazy<IAsyncResourceResolver> Resolver = new(() =>
    {
        var folder = Path.Combine(Repository.Root, "..", "shared", "fhir", "uk-core");
        var ukCore = new DirectorySource(folder, new DirectorySourceSettings { IncludeSubDirectories = true });
        // The corrections (the spec's own ref-1 fixed to "reference.exists() implies …") go in before snapshots are made:
        // otherwise a reference by identifier or display alone fails ref-1 once a snapshot was made without them
        // (FirelyTeam/firely-validator-api#366).
        return new CachedResolver(new SnapshotSource(new Firely.Fhir.Validation.Compilation.StructureDefinitionCorrectionsResolver(
            new CachedResolver(new MultiResolver(ukCore, ZipSource.CreateValidationSource())))));
    });

    private static readonly Lazy<Validator> Shared = new(() => new Validator(Resolver.Value, new LocalTerminologyService(Resolver.Value)));

    private static readonly Lock OneAtATime = new();

    /// <summary>
    /// The errors (and fatal issues) the validator finds against a profile, as "where: what" lines. One validation at a
    /// time: test classes validate in parallel, and the resolver's caches are not documented as safe for that.
    /// </summary>
    public static IReadOnlyList<string> Errors(Resource resource, string profile)
    {
        lock (OneAtATime)
            return [.. Shared.Value.Validate(resource, profile).Issue
                .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
                .Select(i => $"{string.Join(",", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}")];
    }
}
