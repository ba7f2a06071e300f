using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>
/// Makes the first system administrator of a new partnership (<c>homeward admin create-admin</c>), with their
/// organisation if it is not yet a member. Only while no active administrator exists: after that, administrators are
/// made in the app. Without a password, returns a link for them to choose one.
/// </summary>
public sealed class CreateFirstAdministrator(HomewardDb db, SaveOrganisation organisations, SaveUser users, ResetPassword passwords)
{
    public sealed record Input(string? UserName, string? DisplayName, string? Organisation, string? OrganisationName, string? OrganisationKind, string? Password);

    public sealed record Created(SaveUser.View User, bool OrganisationCreated, ResetPassword.Link? Link);

    public async Task<Created> Handle(Input input, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Role == Role.SystemAdministrator && u.Active, ct))
            throw new InvalidTransitionException("There is already an active system administrator: they add further administrators in the app (Administration, Users).");
        var ods = (input.Organisation ?? "").Trim().ToUpperInvariant();
        var system = Actor.System(Guid.Empty, "create-admin");
        var organisationCreated = false;
        if (ods.Length > 0 && !await db.Organisations.AnyAsync(o => o.OdsCode == ods, ct))
        {
            await organisations.Handle(null, new SaveOrganisation.Input { OdsCode = ods, Name = input.OrganisationName, Kind = input.OrganisationKind ?? "Council" }, null,
                system, ct);
            organisationCreated = true;
        }
        var saved = await users.Handle(null, new SaveUser.Input
        {
            UserName = input.UserName, DisplayName = input.DisplayName, Role = nameof(Role.SystemAdministrator), Organisation = input.Organisation,
            Password = input.Password,
        }, null, system, ct);
        var link = string.IsNullOrEmpty(input.Password) ? await passwords.Handle(saved.Record.Id, system, ct) : null;
        return new Created(saved.Record, organisationCreated, link);
    }
}
