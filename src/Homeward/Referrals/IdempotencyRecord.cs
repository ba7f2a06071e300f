namespace Homeward.Referrals;

/// <summary>
/// The first answer given to a request carrying an Idempotency-Key, kept so that a retry with the same
/// key and body gets the same answer, and a reuse of the key for another body is refused.
/// The key is scoped to the user who sent it.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string UserId { get; init; }
    public required string Key { get; init; }
    /// <summary>SHA-256 of the request body, hex.</summary>
    public required string RequestHash { get; init; }
    public Guid ReferralId { get; init; }
    /// <summary>The body of the first response, replayed as it was.</summary>
    public required string ResponseJson { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
