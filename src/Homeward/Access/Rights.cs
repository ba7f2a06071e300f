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
}

public static class Rights
{
    private static readonly Dictionary<Role, Right[]> Granted = new()
    {
        [Role.HospitalDischargeTeam] = [Right.ReadRecords, Right.SubmitReferral, Right.EditReferral],
        [Role.HubCoordinator] = [Right.ReadRecords, Right.SubmitReferral, Right.EditReferral, Right.Triage, Right.AcceptOrDecline, Right.StartOrEnd],
        [Role.RapidResponseClinician] = [Right.ReadRecords, Right.SubmitReferral, Right.EditReferral, Right.Triage, Right.AcceptOrDecline, Right.StartOrEnd],
        [Role.ReablementWorker] = [Right.ReadRecords, Right.StartOrEnd],
        [Role.CareProvider] = [Right.ReadRecords],
        [Role.Manager] = [Right.ReadRecords, Right.SubmitReferral, Right.EditReferral, Right.Triage, Right.AcceptOrDecline, Right.StartOrEnd, Right.ReadAudit],
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
}
