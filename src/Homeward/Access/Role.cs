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
    /// <summary>Reviews who accessed what (the audit trail, break-glass use); sees no care records.</summary>
    PrivacyOfficer,
    /// <summary>Sets up and administers the partnership: organisations, sites, localities, services, users. Sees no care records.</summary>
    SystemAdministrator,
}

public static class Roles
{
    /// <summary>The role as people say it.</summary>
    public static string Label(this Role role) => role switch
    {
        Role.HospitalDischargeTeam => "Hospital discharge team",
        Role.HubCoordinator => "Hub coordinator",
        Role.RapidResponseClinician => "Rapid response clinician",
        Role.ReablementWorker => "Reablement worker",
        Role.CareProvider => "Care provider",
        Role.Manager => "Manager",
        Role.PrivacyOfficer => "Privacy officer",
        Role.SystemAdministrator => "System administrator",
        _ => role.ToString(),
    };
}
