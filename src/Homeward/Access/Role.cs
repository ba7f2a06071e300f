namespace Homeward.Access;

/// <summary>The role a user acts in. A user acts as one role in one organisation at a time.</summary>
public enum Role
{
    HospitalDischargeTeam,
    HubCoordinator,
    RapidResponseClinician,
    ReablementWorker,
    CareProvider,
    Manager,
}
