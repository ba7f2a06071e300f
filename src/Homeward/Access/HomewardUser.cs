using Microsoft.AspNetCore.Identity;

namespace Homeward.Access;

/// <summary>A local sign-in account: its own role in its own organisation, and any further <see cref="RoleProfile"/>s.</summary>
public sealed class HomewardUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public Role Role { get; set; }
    public Guid OrganisationId { get; set; }
    /// <summary>
    /// An account that has been deactivated signs in no more, and its tokens and sessions stop at once. Kept, not
    /// deleted: the audit trail names it.
    /// </summary>
    public bool Active { get; set; } = true;
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
    /// <summary>Rises by one on every change an administrator makes; the record's ETag.</summary>
    public int Version { get; set; } = 1;
}

/// <summary>
/// A personal access token for API clients. Only the SHA-256 hash of the token is stored; the token
/// itself is shown once, when it is created.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string UserId { get; init; }
    public required string Name { get; init; }
    public required string Hash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The profile the token acts in, for a user with several; null for the user's own role and organisation.</summary>
    public Role? Role { get; init; }
    public Guid? OrganisationId { get; init; }
}
