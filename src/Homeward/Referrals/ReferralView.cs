using Homeward.Episodes;
using Homeward.People;
using Homeward.Triage;

namespace Homeward.Referrals;

public sealed record EpisodeSummary(Guid Id, EpisodeStatus Status, Service? Service, Pathway? Pathway, int Version)
{
    public static EpisodeSummary From(Episode e) => new(e.Id, e.Status, e.Service, e.Pathway, e.Version);
}

/// <summary>A referral as the API shows it, with its person and the state of its episode.</summary>
public sealed record ReferralView(
    Guid Id, PersonSummary Person, Route Route, ReferralSource Source, string ReferrerName, string? ReferrerOrganisation,
    string? ReferrerContact, Urgency Urgency, string Reason, DateTimeOffset ReceivedAt, string? Hospital, string? Ward,
    DateOnly? AdmittedOn, DateOnly? DischargeReadyDate, bool ExistingClient, EpisodeSummary Episode, int Version,
    string? SenderReference = null, string? ToCheck = null)
{
    public static ReferralView From(Referral r, Person p, Episode e) => new(
        r.Id, PersonSummary.From(p), r.Route, r.Source, r.ReferrerName, r.ReferrerOrganisation, r.ReferrerContact,
        r.Urgency, r.Reason, r.ReceivedAt, r.Hospital, r.Ward, r.AdmittedOn, r.DischargeReadyDate, r.ExistingClient,
        EpisodeSummary.From(e), r.Version, r.SenderReference, r.ToCheck);
}
