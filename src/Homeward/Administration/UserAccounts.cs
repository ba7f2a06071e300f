using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>
/// Deactivates a user, or lets them back in. A deactivated user cannot sign in, their API tokens are revoked and their
/// sessions end at once (a new security stamp). The last active system administrator cannot be deactivated, and nobody
/// deactivates themself.
/// </summary>
public sealed class SetUserActive(HomewardDb db, TimeProvider clock)
{
    public async Task Handle(string id, bool active, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("user", id);
        if (user.Active == active)
            return;
        if (!active && user.Id == actor.UserId)
            throw new InvalidTransitionException("You cannot deactivate your own account: ask another administrator.");
        if (!active && user.Role == Role.SystemAdministrator
            && !await db.Users.AnyAsync(u => u.Role == Role.SystemAdministrator && u.Active && u.Id != user.Id, ct))
            throw new InvalidTransitionException("This is the last active system administrator: make someone else one first.");
        var now = clock.GetUtcNow();
        user.Active = active;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.Version++;
        if (!active)
            await db.ApiTokens.Where(t => t.UserId == id && t.RevokedAt == null).ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), ct);
        db.AuditEntries.Add(AuditEntry.For(actor, active ? "user.reactivate" : "user.deactivate", null, id, now));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Lets a user locked out by failed sign-ins in again now, rather than after the lockout ends.</summary>
public sealed class UnlockUser(HomewardDb db, UserManager<HomewardUser> users, TimeProvider clock)
{
    public async Task Handle(string id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException("user", id);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        db.AuditEntries.Add(AuditEntry.For(actor, "user.unlock", null, id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Gives a user a link to choose a new password (the administrator sends it to them; it works once, for a day). Their
/// current password stops working and their sessions end; their API tokens are left alone (a forgotten password is not
/// a compromised token; deactivate the user for that).
/// </summary>
public sealed class ResetPassword(HomewardDb db, UserManager<HomewardUser> users, TimeProvider clock)
{
    public sealed record Link(string UserId, string UserName, string Token)
    {
        /// <summary>The page's path and query, to put after the partnership's address.</summary>
        public string Path => $"/account/set-password?user={Uri.EscapeDataString(UserId)}&token={Uri.EscapeDataString(Token)}";
    }

    public async Task<Link> Handle(string id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException("user", id);
        if (!user.Active)
            throw new InvalidTransitionException($"{user.DisplayName}'s account is deactivated: reactivate it first.");
        // One save: the password gone, a new stamp (ending their sessions; the link is made with it) and the audit row.
        user.PasswordHash = null;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        db.AuditEntries.Add(AuditEntry.For(actor, "user.reset-password", null, id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new Link(user.Id, user.UserName!, token);
    }
}
