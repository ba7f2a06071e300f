using Microsoft.AspNetCore.Identity;

namespace Homeward.Access;

/// <summary>A local sign-in account: its own role in its own organisation, and any further <see cref="RoleProfile"/>s.</summary>
public sealed class HomewardUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public Role Role { get; set; }
    public Guid OrganisationId { get; set; }
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
