using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Fhir;

public static class FhirServices
{
    /// <summary>The FHIR interactions, one class each: read, search, create, update a Patient, a sender's changes, BaRS messages, export.</summary>
    public static IServiceCollection AddHomewardFhir(this IServiceCollection services) => services
        .AddSingleton(UkCoreValidator.From)
        .AddScoped<FhirReads>()
        .AddScoped<FhirSearch>()
        .AddScoped<FhirCreate>()
        .AddScoped<FhirPatientUpdate>()
        .AddScoped<FhirReferralChanges>()
        .AddScoped<FhirMessaging>()
        .AddScoped<FhirDocuments>()
        .AddScoped<FhirStayUpdates>()
        .AddScoped<FhirExport>();
}
