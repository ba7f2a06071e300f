using Microsoft.AspNetCore.Identity;

namespace Homeward.Access;

/// <summary>A local sign-in account, acting in one role for one organisation.</summary>
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
}
