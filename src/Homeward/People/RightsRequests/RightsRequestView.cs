using Homeward.Common;

namespace Homeward.People.RightsRequests;

/// <summary>A rights request as the privacy officer answers it: the person, what they said, how it stands, what may be done next.</summary>
public sealed record RightsRequestView(Guid Id, Guid PersonId, string Name, string? NhsNumber, RightsRequestKind Kind, string Requester,
    DateOnly ReceivedOn, DateOnly DueOn, string Statement, RestrictionGround? Ground, RightsRequestStatus Status, string? Answer,
    DateOnly? PersonToldOn, DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? AnsweredAt, string? AnsweredBy,
    IReadOnlyList<RightsRequestStatus> Next, int Version)
{
    /// <summary>The ground in words ("they contest the accuracy"), for a restriction.</summary>
    public string? GroundText => Ground is { } g ? Words.Capitalise(RightsNotice.Describe(g)) : null;

    internal static RightsRequestView From(RightsRequest r, Person p) => new(r.Id, r.PersonId, $"{p.GivenName} {p.FamilyName}",
        p.NhsNumber?.Display, r.Kind, r.Requester, r.ReceivedOn, r.DueOn, r.Statement, r.Ground, r.Status, r.Answer, r.PersonToldOn,
        r.OpenedAt, r.OpenedBy, r.AnsweredAt, r.AnsweredBy, r.Next, r.Version);
}

/// <summary>
/// What everyone who opens the person's record must know of their rights requests: a restriction in force, or a
/// correction declined (the person's own statement of what is wrong, shown with the record).
/// </summary>
public sealed record RightsNotice(Guid RequestId, RightsRequestKind Kind, RightsRequestStatus Status, DateOnly Since, string Text)
{
    public bool Restricts => Status == RightsRequestStatus.Restricted;

    public static string Describe(RestrictionGround ground) => ground switch
    {
        RestrictionGround.AccuracyContested => "they contest its accuracy, and it is being checked",
        RestrictionGround.UnlawfulProcessing => "it was used unlawfully and they asked for restriction instead of erasure",
        RestrictionGround.NeededForLegalClaims => "they need it kept for a legal claim",
        RestrictionGround.ObjectionPending => "they object to its use, and their objection is being decided",
        _ => Words.Of(ground),
    };

    /// <summary>What someone wrote, ending as a sentence does.</summary>
    private static string Sentence(string text) => text.TrimEnd() is var t && t.Length > 0 && !".!?".Contains(t[^1]) ? t + "." : text.TrimEnd();

    internal static RightsNotice? Of(RightsRequest r) => r.Status switch
    {
        RightsRequestStatus.Restricted => new(r.Id, r.Kind, r.Status, r.ReceivedOn,
            $"Since {r.ReceivedOn:d MMMM yyyy}: {Describe(r.Ground ?? RestrictionGround.AccuracyContested)}. They say: \"{Sentence(r.Statement)}\" " +
            "Keep caring for them as agreed; share nothing further; while it stands only a manager changes their details, at the privacy officer's request."),
        RightsRequestStatus.Declined => new(r.Id, r.Kind, r.Status, r.ReceivedOn,
            $"They say: \"{Sentence(r.Statement)}\" The correction was declined on {London.DateOf(r.AnsweredAt!.Value):d MMMM yyyy}: {Sentence(r.Answer!)}"),
        _ => null,
    };
}
