using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>
/// Records a user (new, or changed): their sign-in name (an e-mail), the name shown, their own role and organisation, and
/// any further profiles they may act in. A new user without a password is invited: they get a link to choose one
/// (<see cref="ResetPassword"/>). A change of role, organisation or profiles ends their sessions, so they sign in again
/// with what they now hold. The last active system administrator cannot lose the role.
/// </summary>
public sealed class SaveUser(HomewardDb db, UserManager<HomewardUser> users, TimeProvider clock)
{
    public sealed record ProfileInput(string? Role, string? Organisation);

    public sealed record Input
    {
        public string? UserName { get; init; }
        public string? DisplayName { get; init; }
        public string? Role { get; init; }
        /// <summary>The ODS code of their organisation.</summary>
        public string? Organisation { get; init; }
        public IReadOnlyList<ProfileInput?>? Profiles { get; init; }
        /// <summary>For a new user: a password to start with (12 or more characters). Without one they are sent a link.</summary>
        public string? Password { get; init; }
    }

    public sealed record ProfileView(Role Role, Guid OrganisationId);

    public sealed record View(string Id, string UserName, string DisplayName, Role Role, Guid OrganisationId, IReadOnlyList<ProfileView> Profiles,
        bool Active, bool LockedOut, DateTimeOffset? LastSignInAt, DateTimeOffset? CreatedAt, int Version)
    {
        public static View From(HomewardUser u, IEnumerable<RoleProfile> profiles, DateTimeOffset now) => new(u.Id, u.UserName ?? "", u.DisplayName, u.Role,
            u.OrganisationId, [.. profiles.Select(p => new ProfileView(p.Role, p.OrganisationId))], u.Active, u.LockoutEnd > now, u.LastSignInAt, u.CreatedAt, u.Version);
    }

    public async Task<Saved<View>> Handle(string? id, Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.Administer);
        var user = id is not null ? await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("user", id) : null;
        SetupRules.Version("user", user?.Version ?? 0, expectedVersion, user is null);
        var heldProfiles = user is null ? [] : await db.RoleProfiles.Where(p => p.UserId == user.Id).ToListAsync(ct);

        var problems = new Problems();
        var userName = problems.Required("userName", input.UserName, 256, "the user's sign-in e-mail").ToLowerInvariant();
        if (userName.Length > 0 && !System.Net.Mail.MailAddress.TryCreate(userName, out _))
            problems.Add("userName", "The sign-in is the user's work e-mail address, like name@trust.nhs.uk.");
        else if (userName.Length > 0 && await db.Users.AnyAsync(u => u.NormalizedUserName == userName.ToUpperInvariant() && u.Id != (id ?? ""), ct))
            problems.Add("userName", $"{userName} already has an account: change that one.");
        var displayName = problems.Required("displayName", input.DisplayName, 200, "the user's name");
        var role = problems.Enum<Role>("role", input.Role, "role");
        var organisation = await SetupRules.Member(db, problems, "organisation", input.Organisation, "the ODS code of their organisation", ct);
        var profiles = new List<RoleProfile>();
        foreach (var (profile, i) in (input.Profiles ?? []).Select((p, i) => (p, i)))
        {
            var profileRole = problems.Enum<Role>($"profiles[{i}].role", profile?.Role, "role");
            var at = await SetupRules.Member(db, problems, $"profiles[{i}].organisation", profile?.Organisation, "the ODS code of their organisation", ct);
            if (profileRole is { } r && at is not null && !(r == role && at.Id == organisation?.Id) && !profiles.Any(p => p.Role == r && p.OrganisationId == at.Id))
                profiles.Add(new RoleProfile { UserId = user?.Id ?? "", Role = r, OrganisationId = at.Id });
        }
        if (user is null && !string.IsNullOrEmpty(input.Password))
            foreach (var validator in users.PasswordValidators)
                foreach (var error in (await validator.ValidateAsync(users, new HomewardUser { DisplayName = "", UserName = userName }, input.Password)).Errors)
                    problems.Add("password", error.Description);
        if (user is not null && !string.IsNullOrEmpty(input.Password))
            problems.Add("password", "An administrator does not set an existing user's password: send them a link to reset it.");
        if (user is { Role: Role.SystemAdministrator, Active: true } && role is not Role.SystemAdministrator
            && !await db.Users.AnyAsync(u => u.Role == Role.SystemAdministrator && u.Active && u.Id != user.Id, ct))
            problems.Add("role", "This is the last active system administrator: make someone else one first.");
        if (problems.Any || role is not { } checkedRole || organisation is null)
            throw problems.Failure();

        var now = clock.GetUtcNow();
        var created = user is null;
        // The account, its profiles and the audit row are stored together or not at all.
        await using var transaction = await Transactions.Begin(db, ct);
        if (user is null)
        {
            user = new HomewardUser
            {
                UserName = userName, Email = userName, EmailConfirmed = true, DisplayName = displayName, Role = checkedRole,
                OrganisationId = organisation.Id, CreatedAt = now,
            };
            var result = string.IsNullOrEmpty(input.Password) ? await users.CreateAsync(user) : await users.CreateAsync(user, input.Password);
            if (!result.Succeeded)
                throw ValidationFailedException.For("userName", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        var changes = new Changes();
        var account = user;
        changes.Set("userName", account.UserName, userName, v => (account.UserName, account.NormalizedUserName, account.Email, account.NormalizedEmail) =
            (v, v!.ToUpperInvariant(), v, v.ToUpperInvariant()));
        changes.Set("displayName", account.DisplayName, displayName, v => account.DisplayName = v);
        changes.Set("role", account.Role, checkedRole, v => account.Role = v);
        changes.Set("organisation", account.OrganisationId, organisation.Id, v => account.OrganisationId = v);
        // Only what differs: a profile kept is neither removed nor added again (one row per user, role and organisation).
        var gone = heldProfiles.Where(h => !profiles.Any(p => p.Role == h.Role && p.OrganisationId == h.OrganisationId)).ToList();
        var added = profiles.Where(p => !heldProfiles.Any(h => h.Role == p.Role && h.OrganisationId == p.OrganisationId)).ToList();
        if (gone.Count > 0 || added.Count > 0)
        {
            db.RoleProfiles.RemoveRange(gone);
            db.RoleProfiles.AddRange(added.Select(p => new RoleProfile { UserId = account.Id, Role = p.Role, OrganisationId = p.OrganisationId }));
            if (!created)
                changes.Note("profiles");
        }
        // What they may do changed: their sessions end, so they sign in again as what they now are.
        if (!created && changes.Changed.Any(c => c is "role" or "organisation" or "profiles" or "userName"))
            account.SecurityStamp = Guid.NewGuid().ToString("N");
        var saved = await changes.Save(db, created, "user", account.Id, actor, clock, () => account.Version++,
            () => View.From(account, profiles, now), ct);
        await transaction.Commit(ct);
        return saved;
    }
}
