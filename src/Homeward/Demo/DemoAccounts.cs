using Homeward.Access;
using Homeward.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Demo;

/// <summary>
/// The demo partnership's organisations and one sign-in per role. For demonstration only: the
/// password is published in the README, so a real deployment turns demo seeding off.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Homeward-demo-2026";

    public sealed record Account(string UserName, string DisplayName, Role Role, string OrganisationOds);

    public static readonly IReadOnlyList<Organisation> Organisations =
    [
        new() { OdsCode = "ZWV", Name = "Wessex Vale Council (adult social care)", Kind = OrganisationKind.Council },
        new() { OdsCode = "ZWC", Name = "Wessex Vale Community Health NHS Trust", Kind = OrganisationKind.CommunityTrust },
        new() { OdsCode = "ZVG", Name = "Vale General Hospital NHS Foundation Trust", Kind = OrganisationKind.AcuteTrust },
        new() { OdsCode = "ZKM", Name = "Kingsmead Hospitals NHS Trust", Kind = OrganisationKind.AcuteTrust },
        new() { OdsCode = "ZP1", Name = "Brightwater Home Care", Kind = OrganisationKind.CareProvider },
        new() { OdsCode = "ZP2", Name = "Meadowbank Care Homes", Kind = OrganisationKind.CareProvider },
        new() { OdsCode = "ZV1", Name = "Vale Age Friends (voluntary)", Kind = OrganisationKind.Voluntary },
    ];

    public static readonly IReadOnlyList<Account> Accounts =
    [
        new("discharge@demo.homeward", "Dana Ward (discharge team)", Role.HospitalDischargeTeam, "ZVG"),
        new("hub@demo.homeward", "Harper Hale (hub coordinator)", Role.HubCoordinator, "ZWV"),
        new("ucr@demo.homeward", "Robin Rapid (rapid response)", Role.RapidResponseClinician, "ZWC"),
        new("reablement@demo.homeward", "Riley Able (reablement worker)", Role.ReablementWorker, "ZWV"),
        new("provider@demo.homeward", "Pat Provider (care provider)", Role.CareProvider, "ZP1"),
        new("manager@demo.homeward", "Morgan Lead (manager)", Role.Manager, "ZWV"),
        new("privacy@demo.homeward", "Sam Keeper (privacy officer)", Role.PrivacyOfficer, "ZWV"),
        new("admin@demo.homeward", "Alex Admin (system administrator)", Role.SystemAdministrator, "ZWV"),
    ];

    /// <summary>The demo hospitals' sites and wards, as the referral form offers them.</summary>
    public static readonly IReadOnlyList<(string Trust, string SiteCode, string Name, string[] Wards)> Sites =
    [
        ("ZVG", "ZVG01", "Vale General Hospital", ["Elm (care of the elderly)", "Oak (orthopaedics)", "Beech (acute medicine)", "Cedar (stroke)", "Rowan (respiratory)"]),
        ("ZKM", "ZKM01", "Kingsmead Hospital", ["Elm (care of the elderly)", "Oak (orthopaedics)", "Beech (acute medicine)", "Cedar (stroke)", "Rowan (respiratory)"]),
    ];

    /// <summary>Further profiles of demo users: the rapid response clinician also covers the hub.</summary>
    public static readonly IReadOnlyList<Account> ExtraProfiles =
    [
        new("ucr@demo.homeward", "Robin Rapid (rapid response)", Role.HubCoordinator, "ZWV"),
    ];

    /// <summary>Creates the organisations and accounts that are missing; returns every demo user by role.</summary>
    public static async Task<IReadOnlyDictionary<Role, HomewardUser>> EnsureAsync(HomewardDb db, UserManager<HomewardUser> users, TimeProvider clock, CancellationToken ct)
    {
        var known = await db.Organisations.ToDictionaryAsync(o => o.OdsCode, ct);
        foreach (var organisation in Organisations.Where(o => !known.ContainsKey(o.OdsCode)))
        {
            var copy = new Organisation { OdsCode = organisation.OdsCode, Name = organisation.Name, Kind = organisation.Kind };
            db.Organisations.Add(copy);
            known[copy.OdsCode] = copy;
        }
        if (!await db.Partnerships.AnyAsync(ct))
            db.Partnerships.Add(new Administration.Partnership { Name = "Wessex Vale intermediate care partnership (demo)", CouncilOdsCode = "ZWV", Phone = "01632 960000" });
        foreach (var site in Sites)
            if (!await db.HospitalSites.AnyAsync(s => s.SiteCode == site.SiteCode, ct))
                db.HospitalSites.Add(new Administration.HospitalSite { SiteCode = site.SiteCode, Name = site.Name, OrganisationId = known[site.Trust].Id, Wards = [.. site.Wards] });
        await db.SaveChangesAsync(ct);

        var result = new Dictionary<Role, HomewardUser>();
        foreach (var account in Accounts)
        {
            var user = await users.FindByNameAsync(account.UserName);
            if (user is null)
            {
                user = new HomewardUser
                {
                    UserName = account.UserName,
                    Email = account.UserName,
                    EmailConfirmed = true,
                    DisplayName = account.DisplayName,
                    Role = account.Role,
                    OrganisationId = known[account.OrganisationOds].Id,
                    CreatedAt = clock.GetUtcNow(),
                };
                var created = await users.CreateAsync(user, Password);
                if (!created.Succeeded)
                    throw new InvalidOperationException("Could not create demo user: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            result[account.Role] = user;
        }
        foreach (var extra in ExtraProfiles)
        {
            var user = await users.FindByNameAsync(extra.UserName);
            var organisation = known[extra.OrganisationOds].Id;
            if (user is not null && !await db.RoleProfiles.AnyAsync(p => p.UserId == user.Id && p.Role == extra.Role && p.OrganisationId == organisation, ct))
                db.RoleProfiles.Add(new RoleProfile { UserId = user.Id, Role = extra.Role, OrganisationId = organisation });
        }
        await db.SaveChangesAsync(ct);
        return result;
    }
}
