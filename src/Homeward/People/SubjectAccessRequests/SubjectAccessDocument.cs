using Homeward.Common;
using Homeward.Episodes;

namespace Homeward.People.SubjectAccessRequests;

/// <summary>One line of the document: what it is, what it says, and whether it is about someone other than the person.</summary>
public sealed record DocumentLine(string Key, string Label, string Text, bool ThirdParty = false);

public sealed record DocumentSection(string Heading, IReadOnlyList<DocumentLine> Lines);

/// <summary>A subject access answer as a person reads it: sections of labelled lines, organisations and staff by name.</summary>
public sealed record Document(string Title, DateTimeOffset MadeAt, IReadOnlyList<DocumentSection> Sections)
{
    public const string Redacted = "[Withheld: information about someone else]";

    /// <summary>Every line about someone else, for the privacy officer to decide on.</summary>
    public IEnumerable<DocumentLine> ThirdParty => Sections.SelectMany(s => s.Lines).Where(l => l.ThirdParty);

    /// <summary>The document with the chosen lines withheld (their label kept, their text replaced).</summary>
    public Document Without(IReadOnlySet<string> keys) => this with
    {
        Sections = [.. Sections.Select(s => s with { Lines = [.. s.Lines.Select(l => keys.Contains(l.Key) ? l with { Text = Redacted } : l)] })],
    };
}

/// <summary>
/// Turns everything held about a person (<see cref="SubjectAccess.Export"/>) into a readable document: their details,
/// each referral, each episode with its timeline in words, care record and bookings, and everyone who looked at their
/// record, with organisations and staff named rather than numbered. Lines about other people (the unpaid carer, the
/// referrer and their contact details) are marked so the privacy officer can decide whether to withhold them. Pure.
/// </summary>
public static class SubjectAccessDocument
{
    public static Document Build(SubjectAccess.Export export, IReadOnlyDictionary<Guid, string> organisations, IReadOnlyDictionary<string, string> staff)
    {
        string Org(Guid id) => organisations.GetValueOrDefault(id, "an organisation no longer in the partnership");
        string Who(string userName) => staff.GetValueOrDefault(userName, userName);
        // "Harper Hale (hub coordinator), Wessex Vale Council": the role once, even when the name carries it.
        string Staff(string userName, Access.Role role, Guid organisation)
        {
            var (named, roleWords) = (Who(userName), Words.Of(role.ToString()).ToLowerInvariant());
            return (named.Contains(roleWords, StringComparison.OrdinalIgnoreCase) ? named : $"{named} ({roleWords})") + $", {Org(organisation)}";
        }
        string When(DateTimeOffset at) => SubjectAccessDocumentText.When(at);
        string Day(DateOnly day) => day.ToString("d MMMM yyyy");

        var p = export.Person;
        var about = new List<DocumentLine>
        {
            new("person.name", "Name", $"{p.GivenName} {p.FamilyName}"),
            new("person.nhsNumber", "NHS number", p.NhsNumberDisplay),
            new("person.dateOfBirth", "Date of birth", Day(p.DateOfBirth)),
            new("person.address", "Address", string.Join(", ", new[] { p.AddressLine1, p.AddressLine2, p.Town, p.Postcode }.Where(x => !string.IsNullOrWhiteSpace(x)))),
        };
        if (p.Contact.Phone is { } phone) about.Add(new("person.phone", "Phone", phone));
        if (p.Contact.MobilePhone is { } mobile) about.Add(new("person.mobile", "Mobile", mobile));
        if (p.Contact.Email is { } email) about.Add(new("person.email", "E-mail", email));
        if (p.Contact.AccessToHome is { } access) about.Add(new("person.accessToHome", "Getting into the home", access));
        about.Add(new("person.consent", "Consent to share", Words.Of(p.Consent.ToString())));
        if (p.UnpaidCarer is { } carer)
        {
            about.Add(new("carer.name", "Unpaid carer", $"{carer.Name}{(carer.Relationship is null ? "" : $" ({carer.Relationship})")}", ThirdParty: true));
            if (carer.Phone is { } carerPhone)
                about.Add(new("carer.phone", "Unpaid carer's phone", carerPhone, ThirdParty: true));
        }
        var sections = new List<DocumentSection> { new("About you", about) };

        foreach (var (r, i) in export.Referrals.Select((r, i) => (r, i + 1)))
        {
            var lines = new List<DocumentLine>
            {
                new($"referral.{r.Id}.received", "Received", When(r.ReceivedAt)),
                new($"referral.{r.Id}.route", "How you were referred", Words.Of(r.Route.ToString())),
                new($"referral.{r.Id}.reason", "Reason", r.Reason),
                new($"referral.{r.Id}.referrer", "Referred by", $"{r.ReferrerName}{(r.ReferrerOrganisation is null ? "" : $", {r.ReferrerOrganisation}")}", ThirdParty: true),
            };
            if (r.ReferrerContact is { } contact)
                lines.Add(new($"referral.{r.Id}.referrerContact", "Referrer's contact details", contact, ThirdParty: true));
            if (r.Hospital is { } hospital)
                lines.Add(new($"referral.{r.Id}.hospital", "Hospital", $"{hospital}{(r.Ward is null ? "" : $", {r.Ward} ward")}"));
            if (r.DischargeReadyDate is { } ready)
                lines.Add(new($"referral.{r.Id}.ready", "Ready to leave hospital from", Day(ready)));
            sections.Add(new($"Referral {i}", lines));
        }

        foreach (var (e, i) in export.Episodes.Select((e, i) => (e, i + 1)))
        {
            var v = e.Episode;
            var lines = new List<DocumentLine>
            {
                new($"episode.{v.Id}.status", "Where it stands", Words.Of(v.Status.ToString())),
            };
            if (v.Service is { } service) lines.Add(new($"episode.{v.Id}.service", "Service", Words.Of(service.ToString())));
            if (v.StartedAt is { } started) lines.Add(new($"episode.{v.Id}.started", "Care started", When(started)));
            if (v.EndedAt is { } ended) lines.Add(new($"episode.{v.Id}.ended", "Care ended", When(ended)));
            foreach (var step in e.Timeline)
                lines.Add(new($"episode.{v.Id}.event.{step.Id}", When(step.At), $"{Words.Of(step.Type.ToString())}, by {Staff(step.ActorName, step.ActorRole, step.ActorOrganisationId)}"));
            var c = e.CareRecord;
            if (c.Assessment is { } a)
                lines.Add(new($"episode.{v.Id}.whatMatters", "What matters to you", a.WhatMatters));
            if (c.UrgentAssessment is { } u)
                lines.Add(new($"episode.{v.Id}.presenting", "Why the rapid response team came", $"{u.PresentingProblemName}: {u.Presenting}"));
            foreach (var g in c.Goals)
                lines.Add(new($"episode.{v.Id}.goal.{g.Id}", "Goal", g.Text + (g.EndScore is { } end ? $" (at the end: {g.Describe(end)})" : "")));
            foreach (var m in c.MeasureChanges)
                lines.Add(new($"episode.{v.Id}.measure.{m.Measure}", m.Name, $"at the start {m.Start?.ToString("0.##") ?? "not taken"}, at the end {m.End?.ToString("0.##") ?? "not taken"}"));
            foreach (var visit in c.Visits.Where(x => x.Status != Visits.VisitStatus.Planned))
                lines.Add(new($"episode.{v.Id}.visit.{visit.Id}", $"Visit, {Day(visit.Date)}", Words.Of(visit.Status.ToString()) + (visit.Notes is null ? "" : $": {visit.Notes}")));
            if (c.Carer is { } involved)
                lines.Add(new($"episode.{v.Id}.carer", "Your unpaid carer, as recorded", involved.Name + (involved.Phone is null ? "" : $", {involved.Phone}") + (involved.Email is null ? "" : $", {involved.Email}"), ThirdParty: true));
            foreach (var b in e.Bookings)
                lines.Add(new($"episode.{v.Id}.booking.{b.Id}", "Place booked", $"{b.Service}, {Day(b.StartDate)} to {Day(b.EndDate)} ({Words.Of(b.Status.ToString()).ToLowerInvariant()})"));
            sections.Add(new($"Episode of care {i}", lines));
        }

        if (export.Rights.Count > 0)
            sections.Add(new("Your requests to correct your record or restrict its use", [.. export.Rights.Select((r, i) => new DocumentLine($"rights.{i}",
                $"{(r.Kind == RightsRequests.RightsRequestKind.Restriction ? "Restriction" : "Correction")} asked for on {Day(r.ReceivedOn)}",
                $"\"{r.Statement}\": {r.Status switch
                {
                    RightsRequests.RightsRequestStatus.Open => "waiting for an answer",
                    RightsRequests.RightsRequestStatus.Restricted => "in force",
                    _ => Words.Of(r.Status.ToString()).ToLowerInvariant(),
                }}{(r.Answer is null ? "" : $" ({r.Answer})")}"))]));
        sections.Add(new("Who has looked at your record", [.. export.Accesses.Select((x, i) => new DocumentLine($"access.{i}", When(x.At),
            $"{Staff(x.UserName, x.Role, x.OrganisationId)}: {x.Action}{(x.Outcome == Audit.AuditOutcome.Allowed ? "" : ", refused")}"))]));
        return new Document($"Everything Homeward holds about {p.GivenName} {p.FamilyName}", export.MadeAt, sections);
    }
}

/// <summary>How the document writes a moment: "7 December 2026 at 14:05", London time.</summary>
public static class SubjectAccessDocumentText
{
    public static string When(DateTimeOffset at) => London.TimeOf(at).ToString("d MMMM yyyy 'at' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
