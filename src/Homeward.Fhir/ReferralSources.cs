using Homeward.Referrals;

namespace Homeward.Fhir;

/// <summary>
/// Homeward's referral sources and UK Core's (SNOMED CT, the UK Core SourceOfServiceRequest value set: descendants of
/// 309013001 |Referred by person| and 306098008 |Self-referral|). Where the national codes say who referred in words
/// Homeward has (a GP, a social worker, the person themselves, their family), they map both ways; a hospital doctor or
/// consultant says no more than the route does (a ward or A&amp;E), so the route's usual source is kept; Homeward's
/// ward, A&amp;E, NHS 111, ambulance and care home sources have no code of their own in the value set and are sent in
/// Homeward's code only.
/// </summary>
public static class ReferralSources
{
    private static readonly (string Code, string Display, ReferralSource Source)[] Codes =
    [
        ("108161000000109", "Referred by general practitioner", ReferralSource.Gp),
        ("185359002", "Referred by another GP", ReferralSource.Gp),
        ("276491000", "Referred by member of Primary Health Care Team", ReferralSource.Gp),
        ("1077191000000103", "Referred by community nurse", ReferralSource.CommunityNurse),
        ("835221000000101", "Referred by community matron", ReferralSource.CommunityNurse),
        ("185365002", "Referred by social worker", ReferralSource.SocialWorker),
        ("1991000124105", "Referred by self", ReferralSource.Self),
        ("306098008", "Self-referral", ReferralSource.Self),
        ("310434002", "Self-referral to service", ReferralSource.Self),
        ("185373006", "Referred by family", ReferralSource.Family),
        ("1065391000000104", "Referred by carer", ReferralSource.Family),
    ];

    /// <summary>Homeward's source for a SNOMED CT code from the UK Core value set; null when the code says no more than the route.</summary>
    public static ReferralSource? FromSnomed(string? code) => Codes.FirstOrDefault(c => c.Code == code) is { Code: not null } found ? found.Source : null;

    /// <summary>The SNOMED CT code UK Core uses for a source (the first, most general, of those that map to it); null when it has none.</summary>
    public static (string Code, string Display)? ToSnomed(ReferralSource source) =>
        Codes.FirstOrDefault(c => c.Source == source) is { Code: not null } found ? (found.Code, found.Display) : null;
}
