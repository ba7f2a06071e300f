using Homeward.Access;
using Homeward.Care;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.People;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Carers;

/// <summary>
/// Records one step of involving the person's unpaid carer (<see cref="InvolvementStep"/>): who they are and how they
/// would like to be contacted; their answer on whether they are willing and able to care; the information given; and
/// the offer of a carer's assessment, with where the referral went when they want one. Each step keeps when and by whom.
/// A step is recorded from the referral (discharge planning starts in hospital) until the episode ends; every step but
/// the first needs the carer identified. Naming a different carer starts their involvement afresh.
/// </summary>
public sealed class RecordCarerInvolvement(HomewardDb db, CareChange change)
{
    public sealed record Input
    {
        /// <summary>Identified, Asked, Informed or AssessmentOffered.</summary>
        public string? Step { get; init; }
        public string? At { get; init; }
        // Identified
        public string? Name { get; init; }
        public string? Relationship { get; init; }
        public string? Phone { get; init; }
        public string? Email { get; init; }
        public string? ContactPreference { get; init; }
        // Asked
        public string? Willingness { get; init; }
        public string? Ability { get; init; }
        public string? Notes { get; init; }
        // Informed
        public string? InformationGiven { get; init; }
        // AssessmentOffered
        public string? Offer { get; init; }
        public string? ReferredTo { get; init; }
    }

    /// <summary>From the referral until the episode ends: involving the carer is part of planning the discharge.</summary>
    public static readonly EpisodeStatus[] Open =
        [EpisodeStatus.Referred, EpisodeStatus.Triaged, EpisodeStatus.Accepted, EpisodeStatus.Waiting, EpisodeStatus.Active];

    public async Task<CareRecordView> Handle(Guid episodeId, Input input, Actor actor, CancellationToken ct)
    {
        var (episode, now) = await change.Load(episodeId, actor, Open, ct);
        var problems = new Problems();
        var step = problems.Enum<InvolvementStep>("step", input.Step, "step (Identified, Asked, Informed or AssessmentOffered)");
        var at = CareChange.When(problems, input.At, episode, now, afterStart: false);
        var involvement = await db.CarerInvolvements.SingleOrDefaultAsync(c => c.EpisodeId == episodeId, ct);
        if (step is not null and not InvolvementStep.Identified && involvement is null)
            problems.Add("step", "Record who the unpaid carer is first.");
        var detail = step switch
        {
            InvolvementStep.Identified => Identify(input, problems, ref involvement, episode, at, actor),
            InvolvementStep.Asked => Ask(input, problems, involvement, at, actor),
            InvolvementStep.Informed => Inform(input, problems, involvement, at, actor),
            InvolvementStep.AssessmentOffered => Offer(input, problems, involvement, at, actor),
            _ => new { },
        };
        problems.ThrowIfAny();
        if (db.Entry(involvement!).State == EntityState.Detached)
            db.CarerInvolvements.Add(involvement!);
        else
            involvement!.Version++;
        return await change.Save(episode, EpisodeEventType.CarerInvolved, at, actor, now, "care.carer", detail, ct);
    }

    private static object Identify(Input input, Problems problems, ref CarerInvolvement? involvement, Episode episode, DateTimeOffset at, Actor actor)
    {
        var name = problems.Required("name", input.Name, 200, "the carer's name");
        var relationship = problems.Required("relationship", input.Relationship, 100, "the carer's relationship to the person");
        var phone = PersonInput.PhoneNumber(problems, "phone", input.Phone, "the carer's phone number");
        var email = problems.Optional("email", input.Email, 254, "the carer's e-mail address");
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            problems.Add("email", "Enter an e-mail address like name@example.org.");
        var preference = problems.Enum<ContactPreference>("contactPreference", input.ContactPreference, "how the carer would like to be contacted", required: false)
                         ?? ContactPreference.NotRecorded;
        if (preference is ContactPreference.Phone or ContactPreference.Mobile or ContactPreference.Text && phone is null)
            problems.Add("contactPreference", "Give the number the carer would like to be contacted on.");
        else if (preference == ContactPreference.Email && email is null)
            problems.Add("contactPreference", "Give the e-mail address the carer would like to be contacted at.");
        else if (preference == ContactPreference.ThroughTheirCarer)
            problems.Add("contactPreference", "Choose how to contact the carer themselves.");
        if (problems.Any)
            return new { };
        if (involvement is null)
            involvement = new CarerInvolvement
            {
                EpisodeId = episode.Id, PersonId = episode.PersonId, Name = name, Relationship = relationship, Phone = phone, Email = email,
                ContactPreference = preference, IdentifiedAt = at, IdentifiedBy = actor.UserName,
            };
        else
            involvement.Reidentify(name, relationship, phone, email, preference, at, actor.UserName);
        return new { step = nameof(InvolvementStep.Identified), relationship };
    }

    private static object Ask(Input input, Problems problems, CarerInvolvement? involvement, DateTimeOffset at, Actor actor)
    {
        var willing = problems.Enum<CarerWillingness>("willingness", input.Willingness, "whether the carer is willing to care (Willing, WillingWithSupport or NotWilling)");
        var able = problems.Enum<CarerAbility>("ability", input.Ability, "whether the carer is able to care (Able, AbleWithSupport or NotAble)");
        var notes = problems.Optional("notes", input.Notes, 1000, "what the carer said");
        if ((willing is not null and not CarerWillingness.Willing || able is not null and not CarerAbility.Able) && notes is null)
            problems.Add("notes", "Record what the carer said they would need, or why they cannot care.");
        if (problems.Any || involvement is null)
            return new { };
        (involvement.Willingness, involvement.Ability, involvement.AskedNotes, involvement.AskedAt, involvement.AskedBy) = (willing, able, notes, at, actor.UserName);
        return new { step = nameof(InvolvementStep.Asked), willingness = willing.ToString(), ability = able.ToString() };
    }

    private static object Inform(Input input, Problems problems, CarerInvolvement? involvement, DateTimeOffset at, Actor actor)
    {
        var given = problems.Required("informationGiven", input.InformationGiven, 1000, "the information given to the carer");
        if (problems.Any || involvement is null)
            return new { };
        (involvement.InformationGiven, involvement.InformedAt, involvement.InformedBy) = (given, at, actor.UserName);
        return new { step = nameof(InvolvementStep.Informed) };
    }

    private static object Offer(Input input, Problems problems, CarerInvolvement? involvement, DateTimeOffset at, Actor actor)
    {
        var offer = problems.Enum<AssessmentOffer>("offer", input.Offer, "what the carer said to a carer's assessment (Accepted, Declined or AlreadyHasOne)");
        var referredTo = problems.Optional("referredTo", input.ReferredTo, 200, "where the referral went");
        if (offer == AssessmentOffer.Accepted && referredTo is null)
            problems.Add("referredTo", "Say where the referral for a carer's assessment went (the council's carers' team, or the carers' centre).");
        if (problems.Any || involvement is null)
            return new { };
        (involvement.AssessmentOffer, involvement.AssessmentReferredTo, involvement.OfferedAt, involvement.OfferedBy) =
            (offer, offer == AssessmentOffer.Accepted ? referredTo : null, at, actor.UserName);
        return new { step = nameof(InvolvementStep.AssessmentOffered), offer = offer.ToString() };
    }
}
