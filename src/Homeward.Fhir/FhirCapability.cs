using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Matching;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Homeward.Fhir;

/// <summary>The CapabilityStatement: what this server does, for <c>/fhir/metadata</c>.</summary>
public static class FhirCapability
{
    /// <summary>What this server does, for <c>/fhir/metadata</c>.</summary>
    public static CapabilityStatement Statement(string baseUrl)
    {
        CapabilityStatement.ResourceComponent Resource(string type, string? profile, bool create, params (string Name, SearchParamType Type)[] search) =>
            Declared(type, profile, create, update: false, search);

        CapabilityStatement.ResourceComponent Declared(string type, string? profile, bool create, bool update, params (string Name, SearchParamType Type)[] search)
        {
            var r = new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Profile = profile,
                Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                               new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Vread },
                               new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
            };
            if (create)
                r.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
            if (update)
                r.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Update });
            foreach (var (name, t) in search)
                r.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = name, Type = t });
            return r;
        }
        static CapabilityStatement.ResourceComponent WithDocumentation(CapabilityStatement.ResourceComponent r, string text)
        {
            r.Documentation = text;
            return r;
        }
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = "2026-11-23",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Homeward" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Homeward intermediate care", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json", "xml", FhirFormat.JsonType, FhirFormat.XmlType],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Security = new CapabilityStatement.SecurityComponent { Description = "Sign in (cookie) or a personal access token (Authorization: Bearer); the same rights and audit as the REST API." },
                    Resource =
                    [
                        Declared("Patient", FhirSystems.UkCorePatient, false, update: true, ("identifier", SearchParamType.Token)),
                        Declared("ServiceRequest", FhirSystems.UkCoreServiceRequest, true, update: true, ("patient.identifier", SearchParamType.Token), ("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference), ("status", SearchParamType.Token), ("authored", SearchParamType.Date)),
                        Resource("EpisodeOfCare", FhirSystems.UkCoreEpisodeOfCare, false, ("patient.identifier", SearchParamType.Token), ("patient", SearchParamType.Reference), ("status", SearchParamType.Token)),
                        Resource("CarePlan", null, false, ("patient.identifier", SearchParamType.Token), ("patient", SearchParamType.Reference)),
                        Resource("Goal", null, false, ("patient.identifier", SearchParamType.Token), ("patient", SearchParamType.Reference)),
                        Resource("Observation", null, false, ("patient.identifier", SearchParamType.Token), ("patient", SearchParamType.Reference)),
                        WithDocumentation(Resource("Encounter", null, true, ("patient.identifier", SearchParamType.Token), ("patient", SearchParamType.Reference)),
                            "Read: the care Homeward gave. Create (POST): the acute trust's inpatient Encounter as its discharge-ready feed, "
                            + "with the patient by NHS number and the discharge ready date or meets-criteria-to-reside extension; applied to the open referral, not kept as a resource."),
                        Resource("Task", null, false, ("patient.identifier", SearchParamType.Token), ("patient", SearchParamType.Reference), ("status", SearchParamType.Token)),
                        Resource("HealthcareService", null, false),
                        Resource("Schedule", null, false),
                        Resource("Slot", null, false, ("schedule", SearchParamType.Reference), ("status", SearchParamType.Token), ("start", SearchParamType.Date)),
                        // A Transfer of Care document (a discharge summary) is created by posting its document Bundle, and read as kept.
                        new CapabilityStatement.ResourceComponent
                        {
                            Type = "Bundle", Profile = FhirSystems.UkCoreBundle, Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
                            Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                                           new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Vread },
                                           new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create }],
                        },
                    ],
                    Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction }],
                    // BaRS referral messages: servicerequest-request, new or update (a revoked ServiceRequest withdraws it).
                    Operation = [new CapabilityStatement.OperationComponent { Name = "process-message", Definition = "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message" }],
                },
            ],
            Document = [new CapabilityStatement.DocumentComponent
            {
                Mode = CapabilityStatement.DocumentMode.Consumer, Profile = FhirSystems.UkCoreComposition,
                Documentation = "Transfer of Care documents (a discharge summary), attached to the person's open referral and shown to staff.",
            }],
        };
    }
}
