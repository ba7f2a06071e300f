using Homeward.Access;
using Homeward.Care;
using Homeward.FollowUps;
using Homeward.Visits;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;

namespace Homeward.Web.Api;

/// <summary>The care record of an episode, its visits, the 91-day follow-ups and the outcome measures.</summary>
public static class CareEndpoints
{
    public sealed record FollowUpNotes(string? Notes);

    public static void MapCare(this IEndpointRouteBuilder app)
    {
        var care = app.MapGroup("/api/episodes/{id:guid}").WithTags("Care record");

        care.MapGet("/care", async (Guid id, GetCareRecord handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, http.Actor(), ct)))
        .NeedsForPerson(Right.ReadRecords)
        .WithSummary("The care record: assessment, plan, goals, measures, reviews, visits, community support, and what is missing before it can end");

        care.MapPut("/assessment", async (Guid id, AssessPerson.Input body, AssessPerson handler, HttpContext http, CancellationToken ct) =>
        {
            var record = await handler.Handle(id, body, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, record.Assessment!.Version);
            return TypedResults.Ok(record);
        })
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Record or change the holistic assessment")
        .WithDescription("Changing an existing assessment needs If-Match with its version (the record's assessment.version).")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        care.MapPut("/plan", async (Guid id, AgreePlan.Input body, AgreePlan handler, HttpContext http, CancellationToken ct) =>
        {
            var record = await handler.Handle(id, body, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, record.Plan!.Version);
            return TypedResults.Ok(record);
        })
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Record or change the plan; lays out the visits and reviews from today on")
        .WithDescription("Changing an existing plan needs If-Match with its version (the record's plan.version).")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        care.MapPut("/urgent-assessment", async (Guid id, Homeward.UrgentResponse.RecordUrgentAssessment.Input body, Homeward.UrgentResponse.RecordUrgentAssessment handler,
                HttpContext http, CancellationToken ct) =>
        {
            var record = await handler.Handle(id, body, ETags.IfMatch(http.Request), http.Actor(), ct);
            ETags.Set(http.Response, record.UrgentAssessment!.Version);
            return TypedResults.Ok(record);
        })
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Urgent community response: the rapid response record (presenting problem from the UCR conditions list, what happened, clinical notes)")
        .WithDescription("presentingProblem is one of Falls, DecompensationOfFrailty, ReducedFunction, PalliativeCrisis, UrgentEquipment, ConfusionOrDelirium, " +
            "UrgentCatheterCare, UrgentDiabetesSupport, CarerBreakdown, Other. Correcting it needs If-Match with its version (the record's urgentAssessment.version).")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        care.MapPost("/goals", async (Guid id, SetGoal.Input body, SetGoal handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Set a goal with the person, in their words, with its starting score (−2 … +2) and what each score means (levels) if known")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        care.MapPut("/goals/{goalId:guid}/levels", async (Guid id, Guid goalId, GoalLevels.Input body, DescribeGoal handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, goalId, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Describe, in the person's words, what each score (−2 … +2) means for a goal: muchLess, less, expected, more, muchMore")
        .WithDescription("All five are needed before the goal can be scored at a review or the end; once it has been, they are fixed (409).")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        care.MapPost("/goals/{goalId:guid}/scores", async (Guid id, Guid goalId, ScoreGoal.Input body, ScoreGoal handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, goalId, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Score a goal at the start, a review or the end (Goal Attainment Scaling, −2 … +2)")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        care.MapPost("/measures", async (Guid id, RecordMeasure.Input body, RecordMeasure handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Record an outcome measure (e.g. the Barthel Index) at the start, a review or the end")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        care.MapPost("/reviews/{reviewId:guid}", async (Guid id, Guid reviewId, HoldReview.Input body, HoldReview handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, reviewId, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Record a review held with the person")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        care.MapPost("/community-support", async (Guid id, SignpostSupport.Input body, SignpostSupport handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Record a signpost or referral to a voluntary or community organisation")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        care.MapPost("/observations", async (Guid id, Homeward.Deterioration.RecordObservation.Input body, Homeward.Deterioration.RecordObservation handler,
                HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Record soft signs of deterioration and, from trained staff, a set of NEWS2 observations (scored here)")
        .WithDescription("Any soft sign, a NEWS2 of 5 or more, or a single parameter scoring 3 puts 'Signs of deterioration: step up' in front of " +
                         "the hub and the rapid response team at once. NEWS2 needs all seven observations.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        care.MapPost("/carer", async (Guid id, Homeward.Carers.RecordCarerInvolvement.Input body, Homeward.Carers.RecordCarerInvolvement handler,
                HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(id, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Record a step of involving the person's unpaid carer: Identified, Asked (willing and able to care), Informed, AssessmentOffered")
        .WithDescription("From the referral until the episode ends. Every step but Identified needs the carer identified first; naming a " +
                         "different carer starts their involvement afresh. The care record's 'carer' answers with each step's time and author.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        care.MapPost("/experience", async (Guid id, Homeward.YourCare.RecordExperience.Input body, Homeward.YourCare.RecordExperience handler,
                HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.FromStaff(id, body, http.Actor(), ct)))
        .NeedsForPerson(Right.RecordCare)
        .WithSummary("Record the person's view of the service (the Friends and Family Test and five 'I' statements), taken on paper or by phone")
        .WithDescription("overall: VeryGood, Good, NeitherGoodNorPoor, Poor, VeryPoor or DontKnow; involved, knewWhatMatters, knewWhoToContact, " +
                         "moreAble, familyListened: StronglyAgree … StronglyDisagree or DoesNotApply; answeredBy: ThePerson, FamilyOrCarer or " +
                         "StaffOnTheirBehalf; better (optional). Once per episode; people answer themselves on Your care.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var visits = app.MapGroup("/api/visits").WithTags("Visits");
        visits.MapGet("/", async ([AsParameters] VisitList.Query query, VisitList handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(query, http.Actor(), ct)))
        .Needs(Right.ReadRecords)
        .WithSummary("The visits of a day (today by default), or every missed visit still flagged (flagged=true)")
        .ProducesValidationProblem();
        visits.MapGet("/delivered", async ([AsParameters] Homeward.Visits.Delivered.PlannedAgainstDelivered.Query query,
                Homeward.Visits.Delivered.PlannedAgainstDelivered handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(query, http.Actor(), ct)))
        .Needs(Right.PlanRota)
        .WithSummary("Care planned against delivered for a run of days (at most 92): each visit, and sums by team, by carer and for everyone")
        .WithDescription("Planned minutes are the visit's minutes times its carers; delivered are departure less arrival, times its carers. On time: " +
                         "arrived in the window. Verified: checked in and out on the carer's phone. A provider sees its own teams only.")
        .ProducesValidationProblem();
        visits.MapGet("/delivered.csv", async ([AsParameters] Homeward.Visits.Delivered.PlannedAgainstDelivered.Query query,
                Homeward.Visits.Delivered.PlannedAgainstDelivered handler, HttpContext http, CancellationToken ct) =>
            {
                var result = await handler.Handle(query, http.Actor(), ct);
                var buffer = new MemoryStream();
                await Homeward.Returns.ReturnFiles.WriteCsv(Homeward.Visits.Delivered.PlannedAgainstDelivered.CsvColumns,
                    Homeward.Visits.Delivered.PlannedAgainstDelivered.CsvRows(result), buffer, ct);
                return Results.File(buffer.ToArray(), "text/csv; charset=utf-8", $"delivered-{result.From:yyyyMMdd}-{result.To:yyyyMMdd}.csv");
            })
        .Needs(Right.PlanRota)
        .WithSummary("The same, a line a visit, as CSV (to pay from)")
        .ProducesValidationProblem();
        visits.MapPost("/{visitId:guid}/record", async (Guid visitId, RecordVisit.Input body, RecordVisit handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.Handle(visitId, body, http.Actor(), ct)))
        .Needs(Right.RecordCare)
        .WithSummary("Record a visit: Done with arrival and departure times, or Missed with the reason")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        visits.MapPost("/{visitId:guid}/follow-up", async (Guid visitId, FollowUpNotes body, RecordVisit handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.FollowUp(visitId, body.Notes, http.Actor(), ct)))
        .Needs(Right.RecordCare)
        .WithSummary("Record what the team did about a missed visit (clears its flag)")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var followUps = app.MapGroup("/api/follow-ups").WithTags("91-day follow-up");
        followUps.MapGet("/", async ([AsParameters] FollowUpTasks.Query query, FollowUpTasks handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.List(query, http.Actor(), ct)))
        .Needs(Right.ReadRecords)
        .WithSummary("Follow-up tasks: due=Open (default), Overdue, Soon or Done")
        .ProducesValidationProblem();
        followUps.MapPost("/{id:guid}/attempts", async (Guid id, FollowUpTasks.AttemptInput body, FollowUpTasks handler, HttpContext http, CancellationToken ct) =>
            FollowUp(http, await handler.Attempt(id, body, ETags.IfMatch(http.Request), http.Actor(), ct)))
        .Needs(Right.FollowUp)
        .WithSummary("Record an attempt to reach the person")
        .WithDescription("Needs If-Match with the follow-up's version.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        followUps.MapPost("/{id:guid}/result", async (Guid id, FollowUpTasks.ResultInput body, FollowUpTasks handler, HttpContext http, CancellationToken ct) =>
            FollowUp(http, await handler.Complete(id, body, ETags.IfMatch(http.Request), http.Actor(), ct)))
        .Needs(Right.FollowUp)
        .WithSummary("Record where the person was 91 days after discharge")
        .WithDescription("Needs If-Match with the follow-up's version. Refused before the due day.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        var contacts = app.MapGroup("/api/home-contacts").WithTags("48-hour contact after going home");
        contacts.MapGet("/", async ([AsParameters] HomeContacts.Query query, HomeContacts handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.List(query, http.Actor(), ct)))
        .Needs(Right.ReadRecords)
        .WithSummary("Contacts within 48 hours of going home: open ones (default), or done=true")
        .WithDescription("Made when a hospital discharge home (pathway 0 or 1) starts, and when a stay in an intermediate care bed ends at the " +
                         "person's usual residence. Overdue 48 hours after they got home.");
        contacts.MapPost("/{id:guid}/attempts", async (Guid id, HomeContacts.AttemptInput body, HomeContacts handler, HttpContext http, CancellationToken ct) =>
            HomeContact(http, await handler.Attempt(id, body, ETags.IfMatch(http.Request), http.Actor(), ct)))
        .Needs(Right.FollowUp)
        .WithSummary("Record an attempt to reach the person after going home")
        .WithDescription("Needs If-Match with the contact's version.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        contacts.MapPost("/{id:guid}/outcome", async (Guid id, HomeContacts.OutcomeInput body, HomeContacts handler, HttpContext http, CancellationToken ct) =>
            HomeContact(http, await handler.Complete(id, body, ETags.IfMatch(http.Request), http.Actor(), ct)))
        .Needs(Right.FollowUp)
        .WithSummary("Record how the person was: WellAtHome, ConcernsActedOn, BackInHospital or NotReached")
        .WithDescription("Needs If-Match with the contact's version. NotReached needs two failed attempts first; it and ConcernsActedOn need notes.")
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        var measures = app.MapGroup("/api/measures").WithTags("Outcome measures");
        measures.MapGet("/", async (MeasureCatalogue catalogue, CancellationToken ct) => TypedResults.Ok(await catalogue.All(ct)))
            .ForAnySignedIn()
            .WithSummary("The outcome measures in use: built in and added by the partnership");
        measures.MapPost("/", async (MeasureCatalogue.MeasureInput body, MeasureCatalogue catalogue, HttpContext http, CancellationToken ct) =>
        {
            var measure = await catalogue.Add(body, http.Actor(), ct);
            return TypedResults.Created($"/api/measures/{measure.Code}", measure);
        })
        .Needs(Right.ConfigureMeasures)
        .WithSummary("Add a partnership's own measure: items with ranges and steps, summed or averaged (managers)")
        .ProducesValidationProblem();
    }

    private static FollowUpView FollowUp(HttpContext http, FollowUpView view)
    {
        ETags.Set(http.Response, view.Version);
        return view;
    }

    private static HomeContactView HomeContact(HttpContext http, HomeContactView view)
    {
        ETags.Set(http.Response, view.Version);
        return view;
    }
}
