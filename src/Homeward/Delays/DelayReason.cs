namespace Homeward.Delays;

/// <summary>
/// Why someone ready to leave hospital is still there: the reasons NHS England collects for acute discharge delays
/// (the monthly "Discharge delays (Acute)" publication, table 5), in its own words. One reason at a time, the main one.
/// </summary>
public enum DelayReason
{
    MedicalDecision,
    CommunityEquipment,
    HubConfirmation,
    DiagnosticTest,
    MedicinesToTakeHome,
    ReferralToHub,
    TherapyDecision,
    Transport,
    DeclaredLate,
    NoPlaceToDischargeTo,
    NotInAgreement,
    NoPlan,
    Pathway1,
    Pathway2,
    Pathway3,
    InfectionControl,
    Repatriation,
    Safeguarding,
}

/// <summary>Who can end a delay: a local attribution (the national collection attributes none), for the ledger by agency.</summary>
public enum DelayAgency { AcuteTrust, TransferOfCareHub, IntermediateCare, SocialCare, CommunityEquipment, Housing, PersonAndFamily }

public static class DelayReasons
{
    private static readonly Dictionary<DelayReason, (string Label, string Short, DelayAgency Agency)> Known = new()
    {
        [DelayReason.MedicalDecision] = ("Awaiting a medical decision/intervention including writing the discharge summary", "Medical decision or discharge summary", DelayAgency.AcuteTrust),
        [DelayReason.CommunityEquipment] = ("Awaiting community equipment and adaptations to housing", "Equipment or adaptations", DelayAgency.CommunityEquipment),
        [DelayReason.HubConfirmation] = ("Awaiting confirmation from community hub/single point of access that referral received and actioned", "Hub to confirm the referral", DelayAgency.TransferOfCareHub),
        [DelayReason.DiagnosticTest] = ("Awaiting Diagnostic test", "Diagnostic test", DelayAgency.AcuteTrust),
        [DelayReason.MedicinesToTakeHome] = ("Awaiting medicines to take home", "Medicines to take home", DelayAgency.AcuteTrust),
        [DelayReason.ReferralToHub] = ("Awaiting referral to community single point of access", "Referral to the hub", DelayAgency.AcuteTrust),
        [DelayReason.TherapyDecision] = ("Awaiting therapy decision to discharge", "Therapy decision", DelayAgency.AcuteTrust),
        [DelayReason.Transport] = ("Awaiting transport", "Transport", DelayAgency.AcuteTrust),
        [DelayReason.DeclaredLate] = ("Declared as not meeting the criteria to reside at morning board round and then later in the day meets the criteria to reside so discharge stopped", "Stopped: criteria to reside again", DelayAgency.AcuteTrust),
        [DelayReason.NoPlaceToDischargeTo] = ("Homeless/no right of recourse to public funds/no place to discharge to", "No place to discharge to", DelayAgency.Housing),
        [DelayReason.NotInAgreement] = ("Individual/family not in agreement with discharge plans", "Person or family not in agreement", DelayAgency.PersonAndFamily),
        [DelayReason.NoPlan] = ("No Plan", "No plan", DelayAgency.AcuteTrust),
        [DelayReason.Pathway1] = ("Pathway 1: awaiting availability of resource for assessment and start of care at home", "P1: care at home", DelayAgency.IntermediateCare),
        [DelayReason.Pathway2] = ("Pathway 2: awaiting availability of rehabilitation bed in community hospital or other bedded setting", "P2: rehabilitation bed", DelayAgency.IntermediateCare),
        [DelayReason.Pathway3] = ("Pathway 3: awaiting availability of a bed in a residential or nursing home that is likely to be a permanent placement", "P3: care home bed", DelayAgency.SocialCare),
        [DelayReason.InfectionControl] = ("Remains in hospital to avoid spread of infectious disease and because there is no other suitable location to discharge to", "Infection control", DelayAgency.AcuteTrust),
        [DelayReason.Repatriation] = ("Repatriation/Transfer to another acute trust for specialist treatment or ongoing treatment", "Transfer to another trust", DelayAgency.AcuteTrust),
        [DelayReason.Safeguarding] = ("Safeguarding concern preventing discharge or Court of Protection", "Safeguarding or Court of Protection", DelayAgency.SocialCare),
    };

    /// <summary>The reason in the national collection's words.</summary>
    public static string Label(this DelayReason reason) => Known[reason].Label;

    public static DelayAgency Agency(this DelayReason reason) => Known[reason].Agency;

    /// <summary>A few words for a crowded board; the full label is on the episode.</summary>
    public static string ShortLabel(this DelayReason reason) => Known[reason].Short;

    public static string Label(this DelayAgency agency) => agency switch
    {
        DelayAgency.AcuteTrust => "Acute trust",
        DelayAgency.TransferOfCareHub => "Transfer of care hub",
        DelayAgency.IntermediateCare => "Intermediate care services",
        DelayAgency.SocialCare => "Adult social care",
        DelayAgency.CommunityEquipment => "Community equipment service",
        DelayAgency.Housing => "Housing",
        _ => "The person and their family",
    };

    /// <summary>The reason a hub would expect for someone waiting for a service on a pathway (what the waiting list means).</summary>
    public static DelayReason? ForPathway(Triage.Pathway? pathway) => pathway switch
    {
        Triage.Pathway.P1 => DelayReason.Pathway1,
        Triage.Pathway.P2 => DelayReason.Pathway2,
        Triage.Pathway.P3 => DelayReason.Pathway3,
        _ => null,
    };
}
