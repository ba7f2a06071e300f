using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homeward.Fhir;

/// <summary>
/// Firely's validator with NHS England's UK Core package (a folder of its StructureDefinitions, ValueSets and
/// CodeSystems, set by <c>Fhir:UkCorePackage</c>) and the base R4 specification: what a sender sends is checked against
/// the official profiles. Without the setting (or the folder) it checks nothing and says so (<see cref="Enabled"/>).
/// </summary>
public sealed class UkCoreValidator
{
    private readonly Lazy<Validator>? _validator;
    private readonly Lock _oneAtATime = new();

    /// <param name="folder">The UK Core package, read in place; null to check nothing.</param>
    public UkCoreValidator(string? folder)
    {
        if (folder is null)
            return;
        _validator = new Lazy<Validator>(() =>
        {
            var ukCore = new DirectorySource(folder, new DirectorySourceSettings { IncludeSubDirectories = true });
            // The corrections (the spec's own ref-1 fixed to "reference.exists() implies …") go in before snapshots are
            // made: otherwise a reference by identifier or display alone fails ref-1 (FirelyTeam/firely-validator-api#366).
            var resolver = new CachedResolver(new SnapshotSource(new Firely.Fhir.Validation.Compilation.StructureDefinitionCorrectionsResolver(
                new CachedResolver(new MultiResolver(ukCore, ZipSource.CreateValidationSource())))));
            return new Validator(resolver, new LocalTerminologyService(resolver));
        });
    }

    /// <summary>Whether anything is checked (the package was found).</summary>
    public bool Enabled => _validator is not null;

    /// <summary>Refuse what does not conform (<c>Fhir:RejectNonConformant</c>), rather than take it with warnings.</summary>
    public bool Reject { get; init; }

    /// <summary>
    /// The errors the validator finds against a profile, each with its place. One validation at a time: the resolver's
    /// caches are not documented as safe to share between threads.
    /// </summary>
    public IReadOnlyList<OperationOutcome.IssueComponent> Errors(Resource resource, string profile)
    {
        if (_validator is null)
            return [];
        lock (_oneAtATime)
            return [.. _validator.Value.Validate(resource, profile).Issue
                .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)];
    }

    /// <summary>The validator the configuration asks for: the package folder (relative to the working directory) and whether to refuse.</summary>
    public static UkCoreValidator From(IServiceProvider services)
    {
        var config = services.GetService<IConfiguration>();
        var folder = config?["Fhir:UkCorePackage"];
        var reject = string.Equals(config?["Fhir:RejectNonConformant"], "true", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(folder))
        {
            services.GetService<ILoggerFactory>()?.CreateLogger<UkCoreValidator>()
                .LogWarning("Fhir:UkCorePackage is not set: what FHIR senders send is not checked against UK Core.");
            return new UkCoreValidator(null);
        }
        // A relative folder is looked for from where the app starts and the folders above it: `dotnet run --project`
        // starts in the project's folder, a published app in the repository's or the operator's.
        static bool HoldsPackage(string dir) => Directory.Exists(dir) && Directory.EnumerateFiles(dir, "UKCore-Patient.*", SearchOption.AllDirectories).Any();
        var full = Path.GetFullPath(folder);
        for (var from = Directory.GetCurrentDirectory(); !Path.IsPathRooted(folder) && !HoldsPackage(full) && Path.GetDirectoryName(from) is { } up; from = up)
            full = Path.GetFullPath(Path.Combine(up, folder));
        if (!HoldsPackage(full))
        {
            services.GetService<ILoggerFactory>()?.CreateLogger<UkCoreValidator>()
                .LogWarning("Fhir:UkCorePackage is {Folder}: no UK Core package there (nor above where the app started), so what FHIR senders send is not checked against UK Core.", folder);
            return new UkCoreValidator(null);
        }
        return new UkCoreValidator(full) { Reject = reject };
    }
}
