using Homeward.Episodes;
using Homeward.Fhir;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Triage;
using Hl7.Fhir.Model;

namespace Homeward.Tests.Fhir;

/// <summary>Homeward record → FHIR → Homeward record loses nothing both can hold, in JSON and in XML.</summary>
public sealed class FhirRoundTripTests
{
    private static readonly PersonView Person = new(Guid.NewGuid(), "9990000018", "999 000 0018", "Edith", "Testfield", new DateOnly(1938, 4, 12),
        Gender.Female, "4 Orchard Way", "Flat 2", "Northvale", "NV1 2AB", null, "ZN001", UsualResidence.ExtraCareHousing,
        new UnpaidCarerView("Jo Testfield", "Daughter", "07700 900123", true), Homeward.People.Consent.Given, 3,
        new ContactView("01632 960123", "07700 900456", "edith@example.org", ContactPreference.Text, null));

    private static T Through<T>(T resource, FhirFormatKind kind) where T : Resource =>
        (T)FhirFormat.Read(FhirFormat.Write(resource, kind), kind);

    [Theory]
    [InlineData(FhirFormatKind.Json)]
    [InlineData(FhirFormatKind.Xml)]
    public void A_person_survives_the_trip(FhirFormatKind kind)
    {
        var patient = Through(PatientMap.ToFhir(Person), kind);
        var problems = new List<FhirProblem>();

        var input = PatientMap.FromFhir(patient, "Patient", problems);

        Assert.Empty(problems);
        Assert.Equal("3", patient.Meta!.VersionId);
        Assert.Equal(Person.NhsNumber, input.NhsNumber);
        Assert.Equal((Person.GivenName, Person.FamilyName), (input.GivenName, input.FamilyName));
        Assert.Equal("1938-04-12", input.DateOfBirth);
        Assert.Equal("Female", input.Gender);
        Assert.Equal((Person.AddressLine1, Person.AddressLine2, Person.Town, Person.Postcode), (input.AddressLine1, input.AddressLine2, input.Town, input.Postcode));
        Assert.Equal(Person.GpPracticeCode, input.GpPracticeCode);
        Assert.Equal("ExtraCareHousing", input.UsualResidence);
        Assert.Equal(("Jo Testfield", "Daughter", "07700 900123"), (input.UnpaidCarer!.Name, input.UnpaidCarer.Relationship, input.UnpaidCarer.Phone));
        Assert.Equal(new ContactInput("01632 960123", "07700 900456", "edith@example.org", "Text", null), input.Contact);
        var verification = patient.Identifier[0].GetExtension(FhirSystems.NhsNumberVerification)!;
        Assert.Equal("02", ((CodeableConcept)verification.Value!).Coding[0].Code);
    }

    [Theory]
    [InlineData(FhirFormatKind.Json)]
    [InlineData(FhirFormatKind.Xml)]
    public void A_referral_survives_the_trip(FhirFormatKind kind)
    {
        var referral = new ReferralView(Guid.NewGuid(), new PersonSummary(Person.Id, Person.NhsNumber, "Edith Testfield", Person.DateOfBirth),
            Route.HospitalDischarge, ReferralSource.Ward, "Sam Discharge", "Vale General Hospital", "01234 567890", Urgency.Planned,
            "Fall at home; needs reablement", new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero), "Vale General Hospital", "Elm",
            new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 22), true,
            new EpisodeSummary(Guid.NewGuid(), EpisodeStatus.Waiting, Service.Reablement, Pathway.P1, 4), 2);
        var sr = Through(ReferralMap.ToFhir(referral), kind);
        var problems = new List<FhirProblem>();

        var request = ReferralMap.FromFhir(sr, "ServiceRequest", problems);

        Assert.Empty(problems);
        Assert.Equal(RequestStatus.Active, sr.Status);
        Assert.Equal(("HospitalDischarge", "Ward", "Planned"), (request.Route, request.Source, request.Urgency));
        Assert.Equal(("Sam Discharge", "Vale General Hospital", "01234 567890"), (request.ReferrerName, request.ReferrerOrganisation, request.ReferrerContact));
        Assert.Equal(referral.Reason, request.Reason);
        Assert.Equal(referral.ReceivedAt, DateTimeOffset.Parse(request.ReceivedAt!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("Vale General Hospital", "Elm", "2026-11-15", "2026-11-22"), (request.Hospital, request.Ward, request.AdmittedOn, request.DischargeReadyDate));
        Assert.True(request.ExistingClient);
    }

    [Fact]
    public void Episode_statuses_map_both_ways()
    {
        foreach (var status in Enum.GetValues<EpisodeStatus>())
        {
            Assert.Contains(status, EpisodeMap.StatusesOf(EpisodeMap.StatusOf(status)));
            Assert.Contains(status, ReferralMap.StatusesOf(ReferralMap.StatusOf(status)));
        }
    }
}
