namespace Homeward.Audit;

/// <summary>What each audited action means, in the words a privacy officer or an investigator would use.</summary>
public static class AuditActions
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["attention.view"] = "Viewed the Needs attention queue",
        ["audit.read"] = "Read the audit trail",
        ["audit.export"] = "Exported the audit trail",
        ["board.view"] = "Viewed the hub board",
        ["booking.create"] = "Booked care",
        ["booking.match"] = "Looked for capacity for a person",
        ["booking.offers"] = "Listed offers waiting for an answer",
        ["booking.search"] = "Listed bookings",
        ["breakglass.end"] = "Ended emergency access",
        ["breakglass.list"] = "Listed emergency accesses",
        ["breakglass.review"] = "Reviewed an emergency access",
        ["breakglass.start"] = "Broke the glass (emergency access)",
        ["capacity.update"] = "Changed reported capacity",
        ["care.assess"] = "Recorded an assessment",
        ["care.community-support"] = "Recorded community support",
        ["care.goal"] = "Set a goal",
        ["care.goal-score"] = "Scored a goal",
        ["care.measure"] = "Recorded an outcome measure",
        ["care.plan"] = "Changed a care plan",
        ["care.read"] = "Read a care record",
        ["care.record"] = "Recorded care",
        ["care.review"] = "Recorded a review",
        ["carer.create"] = "Added a carer",
        ["carer.update"] = "Changed a carer",
        ["delay.read"] = "Read a delay ledger",
        ["delay.record"] = "Recorded a delay reason",
        ["episode.read"] = "Read an episode",
        ["episode.search"] = "Listed episodes",
        ["episode.timeline"] = "Read an episode's timeline",
        ["figures.people"] = "Listed the people behind a figure",
        ["figures.view"] = "Viewed figures",
        ["follow-up.attempt"] = "Recorded a follow-up attempt",
        ["follow-up.complete"] = "Completed a follow-up",
        ["follow-up.search"] = "Listed follow-ups",
        ["home.view"] = "Viewed Your day",
        ["measure.add"] = "Added a measure",
        ["person.create"] = "Added a person",
        ["person.lookup.notfound"] = "Looked up an NHS number Homeward does not hold",
        ["person.read"] = "Read a person's details",
        ["person.record"] = "Read a person's whole record",
        ["person.search"] = "Searched for people",
        ["person.subject-access"] = "Exported a person's record (subject access)",
        ["person.update"] = "Changed a person's details",
        ["planning.run"] = "Ran a planning scenario",
        ["profile.choose"] = "Chose a profile",
        ["readylist.import"] = "Imported a discharge ready list",
        ["readylist.notfound"] = "A discharge ready list named someone not found",
        ["referral.held.read"] = "Read a held referral",
        ["referral.held.withdraw"] = "Withdrew a held referral",
        ["referral.hold"] = "A referral was held for a patient-matching decision",
        ["referral.match.decide"] = "Decided a patient match",
        ["referral.match.view"] = "Viewed a patient-matching decision",
        ["referral.read"] = "Read a referral",
        ["referral.search"] = "Listed referrals",
        ["referral.submit"] = "Made a referral",
        ["referral.submit.replay"] = "Sent a referral again (answered with the first)",
        ["referral.update"] = "Changed a referral",
        ["returns.cld"] = "Made the Client Level Data return",
        ["returns.data-quality"] = "Checked the data quality of a return",
        ["rota.adjust"] = "Adjusted a rota",
        ["rota.build"] = "Built a rota",
        ["rota.publish"] = "Published a rota",
        ["rota.read"] = "Read a rota",
        ["rota.read-own"] = "Read their own round",
        ["rota.acknowledge"] = "Confirmed they had seen their round",
        ["rota.urgent"] = "Added an urgent visit to a rota",
        ["rota.urgent-candidates"] = "Listed who could have an urgent visit",
        ["target.set"] = "Set a target",
        ["user.deactivate"] = "Deactivated a user",
        ["user.reactivate"] = "Reactivated a user",
        ["user.reset-password"] = "Reset a user's password",
        ["user.set-password"] = "Set a password",
        ["user.unlock"] = "Unlocked a user",
        ["visit.check-in"] = "Checked in to a visit on the phone",
        ["visit.check-out"] = "Checked out of a visit on the phone",
        ["visit.could-not-visit"] = "Could not make a visit (recorded on the phone)",
        ["visit.delivered"] = "Listed care planned against delivered",
        ["visit.follow-up"] = "Followed up a visit",
        ["visit.phone-conflict"] = "Recorded on the phone what did not fit the visit",
        ["visit.record"] = "Recorded a visit",
        ["visit.search"] = "Listed visits",
        ["waiting.view"] = "Viewed the waiting list",
    };

    /// <summary>The action in words; one Homeward does not know yet ("returns.sts001") says what it is from its name.</summary>
    public static string InWords(string action)
    {
        if (action.EndsWith(ListAudit.Again, StringComparison.Ordinal))
            return InWords(action[..^ListAudit.Again.Length]) + " again (the same people)";
        if (Words.TryGetValue(action, out var words))
            return words;
        if (action.StartsWith("returns.", StringComparison.Ordinal))
            return $"Made the {action["returns.".Length..].ToUpperInvariant()} return";
        var parts = action.Split('.');
        return parts.Length == 0 ? action : char.ToUpperInvariant(parts[0][0]) + string.Join(' ', parts)[1..].Replace('-', ' ');
    }
}
