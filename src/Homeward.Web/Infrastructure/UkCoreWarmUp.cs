using Homeward.Fhir;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// Loads UK Core and the R4 specification into the validator when the app starts (about ten seconds of one core), so
/// the first referral a trust sends is not the one that waits for it.
/// </summary>
public sealed class UkCoreWarmUp(UkCoreValidator validator, ILogger<UkCoreWarmUp> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !validator.Enabled ? Task.CompletedTask : Task.Run(() =>
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        // Each profile's snapshot is made when first used: every profile senders' resources are checked against.
        validator.Errors(new Hl7.Fhir.Model.Patient(), FhirSystems.UkCorePatient);
        validator.Errors(new Hl7.Fhir.Model.ServiceRequest(), FhirSystems.UkCoreServiceRequest);
        validator.Errors(new Hl7.Fhir.Model.Composition(), FhirSystems.UkCoreComposition);
        validator.Errors(new Hl7.Fhir.Model.Encounter(), FhirSystems.UkCoreEncounter);
        log.LogInformation("UK Core validator ready in {Seconds:N1} s.", started.Elapsed.TotalSeconds);
    }, stoppingToken);
}
