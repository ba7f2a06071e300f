namespace Homeward.Access;

/// <summary>
/// Who is doing something: the signed-in user, the role and organisation they act in, and the
/// correlation id of the request, so every audit row and timeline event can name them.
/// Built by the web tier from the authenticated principal, never from anything the client sends.
/// </summary>
public sealed record Actor(string UserId, string UserName, Role Role, Guid OrganisationId, string CorrelationId)
{
    /// <summary>The actor for work the system does itself (demo seeding, scheduled jobs).</summary>
    public static Actor System(Guid organisationId, string correlationId = "system") =>
        new("system", "Homeward", Role.Manager, organisationId, correlationId);
}
