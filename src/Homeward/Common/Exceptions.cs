namespace Homeward.Common;

/// <summary>The request broke one or more rules; every broken rule is listed by field.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string[]>? forPeople = null)
    : Exception("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    /// <summary>For programs (the API, the CLI, FHIR): a choice names the values that may be sent.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>For a person at a form: a choice is made from the labels on the page, so no API values are named.</summary>
    public IReadOnlyDictionary<string, string[]> ForPeople { get; } = forPeople ?? errors;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The thing asked for does not exist (or the caller may not know that it does).</summary>
public sealed class NotFoundException(string what, object id) : Exception($"No {what} with id {id}.")
{
    public string What { get; } = what;
}

/// <summary>The action is not allowed from the record's current state (e.g. starting a declined episode).</summary>
public sealed class InvalidTransitionException(string message) : Exception(message);

/// <summary>The caller's copy is out of date: the record changed since the ETag they sent.</summary>
public sealed class StaleVersionException(string what, int current)
    : Exception($"The {what} was changed by someone else (it is now version {current}). Fetch it again and reapply your change.")
{
    public int Current { get; } = current;
}

/// <summary>An update was sent without the If-Match header naming the version it was based on.</summary>
public sealed class VersionRequiredException(string what)
    : Exception($"Send an If-Match header with the {what}'s ETag, so that changes made by others are not overwritten.");

/// <summary>The caller's role does not allow this action.</summary>
/// <remarks>
/// <paramref name="action"/> is what the audit trail records (a right's name, or <c>thing.verb</c>); <paramref name="why"/>,
/// when given, is what the person is told instead of "your role does not allow".
/// </remarks>
public sealed class ForbiddenException(string action, string? personId = null, string? why = null) : Exception(why ?? $"Your role does not allow: {action}.")
{
    public string Action { get; } = action;
    public string? PersonId { get; } = personId;
}

/// <summary>An Idempotency-Key was reused for a different request.</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was already used for a different request. Use a new key for a new request.")
{
    /// <summary>The referral the key was first used for.</summary>
    public Guid? ReferralId { get; init; }
}

/// <summary>The one check of an If-Match version against a record's current version.</summary>
public static class Versions
{
    /// <summary>Throws <see cref="VersionRequiredException"/> when no version was sent, <see cref="StaleVersionException"/> when it is old.</summary>
    public static void Demand(string what, int current, int? expected, string? staleWhat = null)
    {
        if (expected is null)
            throw new VersionRequiredException(what);
        if (expected != current)
            throw new StaleVersionException(staleWhat ?? what, current);
    }
}
