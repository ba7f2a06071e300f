using Homeward.Access;
using Homeward.Audit;
using Homeward.Hub;
using Homeward.People;
using Homeward.People.RightsRequests;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;

namespace Homeward.Web.Api;

public static class PeopleEndpoints
{
    public static void MapPeople(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/people").WithTags("People");

        group.MapGet("", async ([AsParameters] FindPeople.Query query, FindPeople handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(query, http.Actor(), ct)))
        .Needs(Right.ReadRecords)
        .WithSummary("Find people by name, NHS number, date of birth or postcode (everyone you may see, ended episodes included)")
        .WithDescription("text is one search box: an NHS number, a date of birth (4/3/1941 or 1941-03-04), a postcode or its district, and the rest a name. " +
                         "Or give name, nhsNumber, dateOfBirth and postcode apart. Names match from the start of the given or family name.")
        .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, GetPerson handler, HttpContext http, CancellationToken ct) =>
        {
            var person = await handler.Handle(id, http.Actor(), ct);
            ETags.Set(http.Response, person.Version);
            return TypedResults.Ok(person);
        })
        .NeedsForPerson(Right.ReadRecords)
        .WithSummary("Read a person's record");

        group.MapGet("/{id:guid}/family-access", async (Guid id, Homeward.YourCare.ShareCare handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.List(id, http.Actor(), ct)))
        .NeedsForPerson(Right.ReadRecords)
        .WithSummary("Who else the person agreed may see their care in 'Your care', and the last looks at that page");

        group.MapPost("/{id:guid}/family-access", async (Guid id, Homeward.YourCare.ShareCare.GrantInput body, Homeward.YourCare.ShareCare handler,
                HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Grant(id, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Record that the person agreed a named family member or unpaid carer may see their care (and be told when something changes)")
        .WithDescription("They sign in to /your-care with a code sent to the e-mail address or mobile number given here, or with NHS login using that " +
                         "e-mail. basis: PersonAgreed, LastingPowerOfAttorney or BestInterestDecision; consentNotes says how and when.")
        .ProducesValidationProblem();

        group.MapPost("/{id:guid}/family-access/{accessId:guid}/withdraw", async (Guid id, Guid accessId, Homeward.YourCare.ShareCare.WithdrawInput body,
                Homeward.YourCare.ShareCare handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Withdraw(id, accessId, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Withdraw a family member's access: it ends at once, on their next page")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/by-nhs-number/{nhsNumber}", async (string nhsNumber, GetPerson handler, HttpContext http, CancellationToken ct) =>
        {
            var person = await handler.ByNhsNumber(nhsNumber, http.Actor(), ct);
            ETags.Set(http.Response, person.Version);
            return TypedResults.Ok(person);
        })
        .Needs(Right.ReadRecords)
        .WithSummary("Find a person by NHS number");

        group.MapPatch("/{id:guid}", async (Guid id, UpdatePerson handler, HttpContext http, CancellationToken ct) =>
        {
            var patch = await JsonObjectBody.Read(http.Request, ct);
            var person = await handler.Patch(id, patch, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, person.Version);
            return TypedResults.Ok(person);
        })
        .NeedsForPerson(Right.EditReferral)
        .Accepts<PersonInput>("application/merge-patch+json", "application/json")
        .WithSummary("Change a person's details (not the NHS number)")
        .WithDescription("A JSON Merge Patch (RFC 7396): the fields sent replace what is held, a field sent as null clears it, and a field not sent is kept. " +
                         "The result is checked as a whole, as a referral's person is. Needs If-Match with the person's ETag; a stale one gets 412.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapPut("/{id:guid}/nhs-number", async (Guid id, TraceNhsNumber.Input input, TraceNhsNumber handler, HttpContext http, CancellationToken ct) =>
        {
            var person = await handler.Handle(id, input, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, person.Version);
            return TypedResults.Ok(person);
        })
        .NeedsForPerson(Right.Triage)
        .WithSummary("Enter the NHS number traced for someone recorded without one")
        .WithDescription("Once only: { \"nhsNumber\": \"9990000018\", \"status\": \"01\" } (01 verified on PDS, the default; or 02). Needs If-Match. "
                         + "Refused (400) when another record holds the number (Homeward cannot merge records), 409 when the person already has one.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapGet("/{id:guid}/subject-access", async (Guid id, SubjectAccess handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, http.Actor(), ct)))
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("A subject access request: everything held about the person (every record type) and who has looked at their record (privacy officers and managers)");

        group.MapGet("/{id:guid}/record", async (Guid id, PersonRecord handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, http.Actor(), ct)))
        .NeedsForPerson(Right.ReadRecords)
        .WithSummary("A person's whole record: details, episodes and timeline");

        app.MapGet("/api/board", async ([AsParameters] BoardQuery query, Board handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(query.ToQuery(), http.Actor(), ct)))
        .WithTags("Hub")
        .Needs(Right.ReadRecords)
        .WithSummary("The hub board: everyone in flight, with delays and next actions");

        app.MapGet("/api/audit", async ([AsParameters] ReadAudit.Query query, ReadAudit handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(query, http.Actor(), ct)))
        .WithTags("Audit")
        .Needs(Right.ReadAudit)
        .WithSummary("The audit trail (managers), newest first, by person or user");

        var requests = app.MapGroup("/api/subject-access-requests").WithTags("Audit");
        requests.MapPost("/", async (Homeward.People.SubjectAccessRequests.SubjectAccessRequests.OpenInput body,
                Homeward.People.SubjectAccessRequests.SubjectAccessRequests handler, HttpContext http, CancellationToken ct) =>
            {
                var request = await handler.Open(body, http.Actor(), ct);
                ETags.Set(http.Response, request.Version);
                return TypedResults.Created($"/api/subject-access-requests/{request.Id}", request);
            })
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("Open a subject access request: the person (nhsNumber), who asked (requester), the day it arrived (receivedOn); answers with the readable document for review")
        .ProducesValidationProblem();
        requests.MapGet("/{id:guid}", async (Guid id, Homeward.People.SubjectAccessRequests.SubjectAccessRequests handler, HttpContext http, CancellationToken ct) =>
            {
                var request = await handler.Read(id, http.Actor(), ct);
                ETags.Set(http.Response, request.Version);
                return TypedResults.Ok(request);
            })
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("A subject access request and its document: lines about someone else are marked thirdParty; once released, withheld lines are replaced");
        requests.MapPut("/{id:guid}/withheld", async (Guid id, Homeward.People.SubjectAccessRequests.SubjectAccessRequests.WithholdInput body,
                Homeward.People.SubjectAccessRequests.SubjectAccessRequests handler, HttpContext http, CancellationToken ct) =>
            {
                var request = await handler.Withhold(id, body, ETags.IfMatch(http.Request), http.Actor(), ct);
                ETags.Set(http.Response, request.Version);
                return TypedResults.Ok(request);
            })
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("Withhold lines about someone else (keys from the document's thirdParty lines) with the reason; replaces the last choice. Needs If-Match")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        requests.MapPost("/{id:guid}/release", async (Guid id, Homeward.People.SubjectAccessRequests.SubjectAccessRequests handler, HttpContext http, CancellationToken ct) =>
            {
                var request = await handler.Release(id, ETags.IfMatch(http.Request), http.Actor(), ct);
                ETags.Set(http.Response, request.Version);
                return TypedResults.Ok(request);
            })
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("Release the document: from now on it is read with the withheld lines replaced, and no longer changes. Needs If-Match")
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        requests.MapGet("/{id:guid}/document.pdf", async (Guid id, Homeward.People.SubjectAccessRequests.SubjectAccessRequests handler, HttpContext http, CancellationToken ct) =>
            {
                var request = await handler.Read(id, http.Actor(), ct);
                if (request.Status != Homeward.People.SubjectAccessRequests.SubjectAccessStatus.Released)
                    throw new Homeward.Common.InvalidTransitionException("The document is released as a PDF once the privacy officer has reviewed it and released it.");
                var (pdf, name) = DocumentPdf.Of(request);
                return Results.File(pdf, "application/pdf", name);
            })
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("The released document as a PDF, withheld lines replaced (409 before release)");

        var rights = app.MapGroup("/api/rights-requests").WithTags("Audit");
        rights.MapPost("/", async (OpenRightsRequest.Input body, OpenRightsRequest handler, HttpContext http, CancellationToken ct) =>
            {
                var request = await handler.Handle(body, http.Actor(), ct);
                ETags.Set(http.Response, request.Version);
                return TypedResults.Created($"/api/rights-requests/{request.Id}", request);
            })
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("Record a request to correct a record (kind rectification) or restrict its use (kind restriction, with its article 18(1) ground): the person (nhsNumber), who asked, the day it arrived, what they say (statement)")
        .WithDescription("A restriction is in force from the moment it is recorded: the person's record shows it to everyone, and only a manager changes their details (at the privacy officer's request) until it is lifted. A correction waits for an answer.")
        .ProducesValidationProblem();
        rights.MapGet("/", async (ReadRightsRequests handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Current(http.Actor(), ct)))
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("Corrections still to answer and restrictions in force, oldest first");
        rights.MapGet("/{id:guid}", async (Guid id, ReadRightsRequests handler, HttpContext http, CancellationToken ct) =>
            {
                var request = await handler.Handle(id, http.Actor(), ct);
                ETags.Set(http.Response, request.Version);
                return TypedResults.Ok(request);
            })
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("One rights request, with what may be done next");
        rights.MapPost("/{id:guid}/answer", async (Guid id, AnswerRightsRequest.Input body, AnswerRightsRequest handler, HttpContext http, CancellationToken ct) =>
            {
                var request = await handler.Handle(id, body, ETags.IfMatch(http.Request), http.Actor(), ct);
                ETags.Set(http.Response, request.Version);
                return TypedResults.Ok(request);
            })
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("Answer it: corrected (say what was changed) or declined (say why; their statement stays with the record); a restriction lifted (say why, and personToldOn). Needs If-Match")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        app.MapGet("/api/retention", async (Homeward.Retention.ApplyRetention retention, CancellationToken ct) =>
            TypedResults.Ok(new { rules = Homeward.Retention.RetentionSchedule.Rules, dueForReview = (await retention.DueForReview(ct)).Count }))
        .WithTags("Audit")
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("The retention schedule (what is kept, for how long, why, and what happens then) and how many people's records are due for a disposal review")
        .WithDescription("The schedule is applied every hour (Retention:EverySeconds) and by `homeward retention`; each rule that did something writes a 'retention.apply' row to the audit trail.");

        var reviews = app.MapGroup("/api/retention/reviews").WithTags("Audit");
        reviews.MapGet("/", async (Homeward.Retention.Disposal.ReadDisposalReviews handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Due(http.Actor(), ct)))
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary($"The records due for a disposal review, oldest care first (the first {Homeward.Retention.Disposal.ReadDisposalReviews.Shown}, with the count of all), each with what would stop it being destroyed now")
        .WithDescription("The people listed are written to the audit trail.");
        reviews.MapPost("/{personId:guid}", async (Guid personId, Homeward.Retention.Disposal.ReviewRecord.Input body, Homeward.Retention.Disposal.ReviewRecord handler,
                HttpContext http, CancellationToken ct) => TypedResults.Ok((await handler.Handle(personId, body, http.Actor(), ct)).Decision))
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("Decide on a record due for review: keep it (reason, keepUntil) or destroy it (reason: the authority; checked: true once a complaint, inquiry, safeguarding concern or legal hold has been ruled out)")
        .WithDescription("Destroying erases everything held about the person in one transaction and keeps a register row (the record's id, what was erased, when, by whom, why); the audit trail is kept. A record no longer due, or held by a restriction in force or a subject access request being answered, is refused with 409 and the reason.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/retention/register", async (Homeward.Retention.Disposal.ReadDisposalReviews handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Register(http.Actor(), ct)))
        .WithTags("Audit")
        .Needs(Right.AnswerSubjectAccess)
        .WithSummary("The register of disposal decisions, newest first (the latest 100): records kept and until when, records destroyed (by id) with what was erased");

        app.MapGet("/api/audit/export", async ([AsParameters] ReadAudit.Query query, ReadAudit handler, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var export = await handler.Export(query, http.Actor(), ct);
                var buffer = new MemoryStream();
                await Homeward.Returns.ReturnFiles.WriteCsv(export.Columns, export.Lines, buffer, ct);
                return Results.File(buffer.ToArray(), "text/csv; charset=utf-8", $"audit-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv");
            })
        .WithTags("Audit")
        .Needs(Right.ReadAudit)
        .WithSummary("The audit trail for an investigation, as CSV, oldest first: the same filters; each person a list view or export showed on a line of their own")
        .WithDescription($"At most {ReadAudit.ExportLimit:N0} audit rows: a wider question is refused (400) and should be narrowed by day, user or action. The export is audited.")
        .ProducesValidationProblem();
    }

    /// <summary>The board's filters as query parameters.</summary>
    public sealed record BoardQuery(Guid? Locality, string? Hospital, string? Pathway, string? Route, Guid? Organisation,
        string? Status, string? Sort, bool? Descending, int? Page, int? PageSize)
    {
        public Board.Query ToQuery() => new(Locality, Hospital, Pathway, Route, Organisation, Status, Sort, Descending ?? true, Page, PageSize);
    }
}
