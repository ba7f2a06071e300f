namespace Homeward.Retention;

/// <summary>What a rule does when its time is up.</summary>
public enum RetentionAction
{
    /// <summary>Deleted by the retention round.</summary>
    Delete,
    /// <summary>Listed for the privacy officer's disposal review; never deleted unseen.</summary>
    Review,
    /// <summary>Kept: the rule says why.</summary>
    Keep,
}

/// <summary>One line of the schedule: what is held, how long, why, and what the round does then.</summary>
public sealed record RetentionRule(string Code, string What, string KeptFor, [property: System.Text.Json.Serialization.JsonIgnore] TimeSpan? Period,
    RetentionAction Action, string Basis)
{
    /// <summary>The period in days (none for what is kept with the records).</summary>
    public int? Days => Period is { } p ? (int)p.TotalDays : null;
}

/// <summary>
/// The partnership's retention schedule: for each kind of data Homeward holds, how long it is kept and what happens
/// then. The care record follows the NHS Records Management Code of Practice 2023 (adult health and social care
/// records: 8 years after care ends), reviewed rather than destroyed unseen; the working data that exists only to make
/// the system safe to use (retry keys, sign-in codes, messages sent, finished jobs, returns made) goes as soon as it
/// has done its work. <see cref="ApplyRetention"/> applies it and writes what it did to the audit trail.
/// </summary>
public static class RetentionSchedule
{
    public const string CareRecords = "care-records", AuditTrail = "audit-trail", IdempotencyKeys = "idempotency-keys",
        SignInCodes = "sign-in-codes", Messages = "messages", Jobs = "jobs", Returns = "returns", Backups = "backups";

    public static readonly IReadOnlyList<RetentionRule> Rules =
    [
        new(CareRecords, "A person's record: referrals, episodes, care records, visits, observations, follow-ups",
            "8 years after their last episode ended", TimeSpan.FromDays(8 * 365 + 2), RetentionAction.Review,
            "NHS Records Management Code of Practice 2023: adult health and care records, 8 years after the conclusion of care. " +
            "Listed for the privacy officer's disposal review (the record may need keeping longer: a complaint, an inquiry, a safeguarding concern)."),
        new(AuditTrail, "The audit trail: who did and saw what", "as long as the records it is about", null, RetentionAction.Keep,
            "The trail is a hash chain: removing rows would break the proof that nothing else was removed. It is reviewed with the records."),
        new(IdempotencyKeys, "Retry keys and the answers they replay", "7 days", TimeSpan.FromDays(7), RetentionAction.Delete,
            "They exist so that a retried request is not applied twice; a client retries within minutes, not weeks. They hold a copy of the answer, with personal data."),
        new(SignInCodes, "One-time sign-in codes for people and families", "1 day after they expire", TimeSpan.FromDays(1), RetentionAction.Delete,
            "A spent or expired code proves nothing further; the sign-ins themselves are in the audit trail."),
        new(Messages, "Texts and e-mails sent to people and families", "2 years after sent or given up", TimeSpan.FromDays(730), RetentionAction.Delete,
            "Copies of what was sent, for answering questions about it; the timeline keeps that a message was sent."),
        new(Jobs, "Finished long work (rotas built, plans run, returns made) and its inputs", "90 days after it finished", TimeSpan.FromDays(90), RetentionAction.Delete,
            "What a job made is kept where it belongs (the rota, the plan); the job's own row is only for following it."),
        new(Returns, "Made national returns kept for download", "7 days", TimeSpan.FromDays(Homeward.Returns.MadeReturn.KeptDays), RetentionAction.Delete,
            "Client Level Data names everyone in it; once submitted it is held by the collector, and can be made again from the records."),
        new(Backups, "Backup files in the folder set by Retention:BackupFolder", "35 days", TimeSpan.FromDays(35), RetentionAction.Delete,
            "Long enough to restore from before a fault noticed late; a backup holds every record, so none is kept for ever."),
    ];

    public static RetentionRule Of(string code) => Rules.Single(r => r.Code == code);
}
