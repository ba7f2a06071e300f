using Homeward.Common;

namespace Homeward.Access;

/// <summary>What each role may do. The one place that answers "may this role do that?".</summary>
public enum Right
{
    ReadRecords,
    SubmitReferral,
    EditReferral,
    Triage,
    AcceptOrDecline,
    StartOrEnd,
    ReadAudit,
    /// <summary>Hold capacity for a person (a bed, carer hours).</summary>
    BookCapacity,
    /// <summary>Report a service's capacity: providers their own services, the hub any.</summary>
    UpdateCapacity,
    /// <summary>Accept or decline an offer: providers their own services, the hub any.</summary>
    RespondToOffer,
    /// <summary>Record care in an episode: assessment, plan, goals, measures, reviews, visits, community support.</summary>
    RecordCare,
    /// <summary>Work the 91-day follow-up tasks.</summary>
    FollowUp,
    /// <summary>Add the partnership's own outcome measures.</summary>
    ConfigureMeasures,
    /// <summary>See the figures and the national returns.</summary>
    ReadFigures,
    /// <summary>Set the partnership's targets.</summary>
    SetTargets,
    /// <summary>Run the demand-and-capacity simulator and see planning runs (figures about services, not people).</summary>
    Plan,
    /// <summary>Build, adjust and publish a team's daily visit rota: the hub any team's, a provider its own.</summary>
    PlanRota,
    /// <summary>Open the record of someone outside the user's relationship in an emergency, with a reason, for a limited time.</summary>
    BreakGlass,
    /// <summary>
    /// Answer a subject access request: everything held about anyone in the partnership, and who has looked at it. The
    /// partnership's information governance function (privacy officers) and managers; no relationship is needed.
    /// </summary>
    AnswerSubjectAccess,
    /// <summary>
    /// Set up and administer the partnership: its organisations, hospital sites, localities, services and teams, and users
    /// with their roles. Holding it gives no access to anyone's records.
    /// </summary>
    Administer,
    /// <summary>
    /// Make the Client Level Data return and see its data-quality report: person by person for the whole partnership, so
    /// for the hub's coordinators and managers (the council's performance team), not one organisation's staff.
    /// </summary>
    MakeClientLevelData,
}

public static class Rights
{
    private static readonly Dictionary<Role, Right[]> Granted = new()
    {
        [Role.HospitalDischargeTeam] = [Right.ReadRecords, Right.SubmitReferral, Right.EditReferral, Right.ReadFigures, Right.BreakGlass],
        [Role.HubCoordinator] = [Right.ReadRecords, Right.SubmitReferral, Right.EditReferral, Right.Triage, Right.AcceptOrDecline, Right.StartOrEnd,
            Right.BookCapacity, Right.UpdateCapacity, Right.RespondToOffer, Right.RecordCare, Right.FollowUp, Right.ReadFigures, Right.Plan, Right.PlanRota,
            Right.MakeClientLevelData],
        [Role.RapidResponseClinician] = [Right.ReadRecords, Right.SubmitReferral, Right.EditReferral, Right.Triage, Right.AcceptOrDecline, Right.StartOrEnd,
            Right.BookCapacity, Right.RecordCare, Right.ReadFigures],
        [Role.ReablementWorker] = [Right.ReadRecords, Right.StartOrEnd, Right.RecordCare, Right.FollowUp],
        [Role.PrivacyOfficer] = [Right.ReadAudit, Right.AnswerSubjectAccess],
        [Role.SystemAdministrator] = [Right.Administer],
        [Role.CareProvider] = [Right.ReadRecords, Right.UpdateCapacity, Right.RespondToOffer, Right.PlanRota, Right.BreakGlass],
        [Role.Manager] = [Right.ReadRecords, Right.SubmitReferral, Right.EditReferral, Right.Triage, Right.AcceptOrDecline, Right.StartOrEnd, Right.ReadAudit,
            Right.BookCapacity, Right.UpdateCapacity, Right.RespondToOffer, Right.RecordCare, Right.FollowUp, Right.ConfigureMeasures, Right.ReadFigures, Right.SetTargets, Right.Plan, Right.PlanRota,
            Right.AnswerSubjectAccess, Right.MakeClientLevelData],
    };

    public static bool Has(this Actor actor, Right right) =>
        actor.UserId == "system" || Granted.TryGetValue(actor.Role, out var rights) && rights.Contains(right);

    /// <summary>Throws <see cref="ForbiddenException"/> unless the actor's role grants the right.</summary>
    public static void Demand(this Actor actor, Right right, Guid? personId = null)
    {
        if (!actor.Has(right))
            throw new ForbiddenException(right.ToString(), personId?.ToString());
    }

    public static IReadOnlyList<Right> Of(Role role) => Granted[role];

    /// <summary>Providers act only for their own organisation's services; the hub and managers for any.</summary>
    public static bool ActsFor(this Actor actor, Guid organisationId) =>
        actor.Role != Role.CareProvider || actor.OrganisationId == organisationId;
}
