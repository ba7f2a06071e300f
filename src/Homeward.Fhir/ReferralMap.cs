using System.Globalization;
using Hl7.Fhir.Model;
using Homeward.Episodes;
using Homeward.Referrals;

namespace Homeward.Fhir;

/// <summary>A referral as a UK Core ServiceRequest, and a ServiceRequest as the referral request Homeward checks.</summary>
public static class ReferralMap
{
    public static ServiceRequest ToFhir(ReferralView r)
    {
        var sr = new ServiceRequest
        {
            Id = r.Id.ToString(),
            Meta = new Meta { VersionId = r.Version.ToString(CultureInfo.InvariantCulture), Profile = [FhirSystems.UkCoreServiceRequest] },
            Identifier = r.SenderReference is { } sent && sent.Split('|', 2) is [var system, var value]
                ? [new Identifier(FhirSystems.ReferralId, r.Id.ToString()), new Identifier(system.Length > 0 ? system : null, value)]
                : [new Identifier(FhirSystems.ReferralId, r.Id.ToString())],
            Status = StatusOf(r.Episode.Status),
            Intent = RequestIntent.Order,
            Category = [new CodeableConcept(FhirSystems.Route, r.Route.ToString())],
            Priority = r.Urgency switch
            {
                Urgency.TwoHour => RequestPriority.Stat,
                Urgency.SameDay => RequestPriority.Asap,
                Urgency.WithinDays => RequestPriority.Urgent,
                _ => RequestPriority.Routine,
            },
            Code = new CodeableConcept { Text = "Referral for intermediate care" },
            Subject = new ResourceReference($"Patient/{r.Person.Id}", r.Person.Name)
            {
                Identifier = r.Person.NhsNumber is { } nhs ? new Identifier(FhirSystems.NhsNumber, nhs) : null,
            },
            AuthoredOn = r.ReceivedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            Requester = new ResourceReference { Display = r.ReferrerName },
            ReasonCode = [new CodeableConcept { Text = r.Reason }],
        };
        sr.Extension.Add(new Extension(FhirSystems.ReferralSourceExtension, new Coding(FhirSystems.Source, r.Source.ToString())));
        if (ReferralSources.ToSnomed(r.Source) is { } national)
            sr.Extension.Add(new Extension(FhirSystems.UkCoreSourceOfServiceRequest, new CodeableConcept(FhirSystems.Snomed, national.Code, national.Display, null)));
        if (r.ReferrerOrganisation is { } org)
            sr.Extension.Add(new Extension(FhirSystems.ReferrerOrganisation, new FhirString(org)));
        if (r.ReferrerContact is { } contact)
            sr.Extension.Add(new Extension(FhirSystems.ReferrerContact, new FhirString(contact)));
        if (r.Hospital is { } hospital)
            sr.Extension.Add(new Extension(FhirSystems.Hospital, new FhirString(hospital)));
        if (r.Ward is { } ward)
            sr.Extension.Add(new Extension(FhirSystems.Ward, new FhirString(ward)));
        if (r.AdmittedOn is { } admitted)
            sr.Extension.Add(new Extension(FhirSystems.AdmittedOn, new Date(admitted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        if (r.DischargeReadyDate is { } ready)
            sr.Extension.Add(new Extension(FhirSystems.DischargeReadyDate, new Date(ready.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        sr.Extension.Add(new Extension(FhirSystems.ExistingClient, new FhirBoolean(r.ExistingClient)));
        return sr;
    }

    /// <summary>
    /// A referral held for a patient-matching decision, for its sender: the ServiceRequest they sent under Homeward's id,
    /// on hold while the hub decides (revoked when it was not the person held), with what happens next as a note. The
    /// subject is the patient as sent (by name), never the person held.
    /// </summary>
    public static ServiceRequest Held(Matching.HeldReferralView held, ServiceRequest? asSent)
    {
        var sr = asSent?.DeepCopy() as ServiceRequest ?? new ServiceRequest { Intent = RequestIntent.Order };
        sr.Id = held.Id.ToString();
        sr.Meta = new Meta
        {
            VersionId = held.Version.ToString(CultureInfo.InvariantCulture), Profile = [FhirSystems.UkCoreServiceRequest],
            LastUpdated = held.DecidedAt ?? held.ReceivedAt,
        };
        sr.Status = held.Status == Matching.MatchStatus.Waiting ? RequestStatus.OnHold : RequestStatus.Revoked;
        sr.Subject = new ResourceReference { Display = held.SentName };
        sr.SupportingInfo = [];
        sr.Note.Add(new Annotation
        {
            Text = held.Note is { } note ? $"{held.Explanation} The hub's note: {note}" : held.Explanation,
            Time = (held.DecidedAt ?? held.ReceivedAt).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        });
        return sr;
    }

    public static RequestStatus StatusOf(EpisodeStatus status) => status switch
    {
        EpisodeStatus.Ended => RequestStatus.Completed,
        EpisodeStatus.Declined or EpisodeStatus.Cancelled => RequestStatus.Revoked,
        _ => RequestStatus.Active,
    };

    /// <summary>Episode statuses a ServiceRequest status stands for (for search).</summary>
    public static IReadOnlyList<EpisodeStatus> StatusesOf(RequestStatus status) => status switch
    {
        RequestStatus.Completed => [EpisodeStatus.Ended],
        RequestStatus.Revoked => [EpisodeStatus.Declined, EpisodeStatus.Cancelled],
        RequestStatus.Active => [EpisodeStatus.Referred, EpisodeStatus.Triaged, EpisodeStatus.Accepted, EpisodeStatus.Waiting, EpisodeStatus.Active],
        _ => [],
    };

    /// <summary>The referral request a ServiceRequest carries (without the person); FHIR-level problems are added with their place.</summary>
    public static SubmitReferral.Request FromFhir(ServiceRequest sr, string at, List<FhirProblem> problems)
    {
        void Problem(string where, string message, OperationOutcome.IssueType type = OperationOutcome.IssueType.Invalid) =>
            problems.Add(new FhirProblem($"{at}.{where}", message, type));

        if (sr.ModifierExtension.Count > 0)
            Problem("modifierExtension", "Homeward does not understand modifier extensions on a ServiceRequest.", OperationOutcome.IssueType.NotSupported);
        if (sr.Status is not RequestStatus.Active)
            Problem("status", "A referral is sent as an active ServiceRequest.", OperationOutcome.IssueType.Value);
        if (sr.Intent is not (RequestIntent.Order or RequestIntent.OriginalOrder))
            Problem("intent", "A referral is an order (intent order or original-order).", OperationOutcome.IssueType.Value);

        string? route = null;
        var routes = sr.Category.SelectMany(c => c.Coding).ToList();
        var known = routes.FirstOrDefault(c => c.System == FhirSystems.Route);
        if (known is not null)
        {
            if (Enum.TryParse<Route>(known.Code, out var parsed) && Enum.IsDefined(parsed))
                route = parsed.ToString();
            else
                Problem("category", $"\"{known.Code}\" is not a route: use {string.Join(", ", Enum.GetNames<Route>())}.", OperationOutcome.IssueType.CodeInvalid);
        }
        // No Homeward route (a UK Core referral with SNOMED CT categories, or none): the route is worked out from what
        // was sent with it, and the hub is told to check it (FhirCreate.WorkOutRoute); never a refusal.

        string? source = null;
        if (sr.GetExtension(FhirSystems.ReferralSourceExtension)?.Value is Coding s)
        {
            if (s.System != FhirSystems.Source)
                Problem("extension", $"The referral source code system \"{s.System}\" is not known here: use {FhirSystems.Source}.", OperationOutcome.IssueType.CodeInvalid);
            source = s.Code;
        }
        else if ((sr.GetExtension(FhirSystems.UkCoreSourceOfServiceRequest)?.Value as CodeableConcept)?.Coding
                 .Where(c => c.System == FhirSystems.Snomed).Select(c => ReferralSources.FromSnomed(c.Code)).FirstOrDefault(x => x is not null) is { } national)
            // UK Core's SNOMED CT source, where it says who referred in Homeward's words.
            source = national.ToString();
        else if (route is not null)
            // Senders that do not know Homeward's source codes: the usual source of the route.
            source = Enum.Parse<Route>(route) switch
            {
                Route.HospitalDischarge => nameof(ReferralSource.Ward),
                Route.EmergencyDepartment => nameof(ReferralSource.EmergencyDepartment),
                _ => nameof(ReferralSource.Other),
            };
        foreach (var ext in sr.Extension.Where(e => e.Url?.StartsWith(FhirSystems.Base, StringComparison.Ordinal) == true && !Known.Contains(e.Url)))
            Problem("extension", $"The extension \"{ext.Url}\" is not one of Homeward's.", OperationOutcome.IssueType.NotSupported);

        var sender = sr.Identifier.FirstOrDefault(i => i.System != FhirSystems.ReferralId && !string.IsNullOrWhiteSpace(i.Value));
        return new SubmitReferral.Request
        {
            SenderReference = sender is null ? null : $"{sender.System}|{sender.Value}",
            Route = route,
            Source = source,
            ReferrerName = sr.Requester?.Display,
            ReferrerOrganisation = Text(sr, FhirSystems.ReferrerOrganisation),
            ReferrerContact = Text(sr, FhirSystems.ReferrerContact),
            Urgency = sr.Priority switch
            {
                RequestPriority.Stat => nameof(Urgency.TwoHour),
                RequestPriority.Asap => nameof(Urgency.SameDay),
                RequestPriority.Urgent => nameof(Urgency.WithinDays),
                RequestPriority.Routine => nameof(Urgency.Planned),
                _ => null,
            },
            Reason = sr.ReasonCode.Select(c => c.Text ?? c.Coding.FirstOrDefault()?.Display).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)),
            ReceivedAt = sr.AuthoredOn,
            Hospital = Text(sr, FhirSystems.Hospital),
            Ward = Text(sr, FhirSystems.Ward),
            AdmittedOn = (sr.GetExtension(FhirSystems.AdmittedOn)?.Value as Date)?.Value,
            DischargeReadyDate = (sr.GetExtension(FhirSystems.DischargeReadyDate)?.Value as Date)?.Value,
            ExistingClient = (sr.GetExtension(FhirSystems.ExistingClient)?.Value as FhirBoolean)?.Value,
        };
    }

    private static readonly HashSet<string> Known =
    [
        FhirSystems.ReferralSourceExtension, FhirSystems.ReferrerOrganisation, FhirSystems.ReferrerContact, FhirSystems.Hospital,
        FhirSystems.Ward, FhirSystems.AdmittedOn, FhirSystems.DischargeReadyDate, FhirSystems.ExistingClient,
    ];

    private static string? Text(ServiceRequest sr, string url) => (sr.GetExtension(url)?.Value as FhirString)?.Value;

    /// <summary>Where a field of the referral request lives in a ServiceRequest.</summary>
    public static string Expression(string field) => field switch
    {
        "route" => "category",
        "source" or "referrerOrganisation" or "referrerContact" or "hospital" or "ward" or "admittedOn" or "dischargeReadyDate" => "extension",
        "referrerName" => "requester",
        "urgency" => "priority",
        "reason" => "reasonCode",
        "receivedAt" => "authoredOn",
        _ => "",
    };
}
