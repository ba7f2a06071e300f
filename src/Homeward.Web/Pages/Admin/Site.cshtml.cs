using Homeward.Access;
using Homeward.Administration;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Admin;

[Needs(Right.Administer)]
public sealed class SiteModel(ReadSetup setup, SaveHospitalSite save) : AdminPage(setup)
{
    public SaveHospitalSite.View? Record { get; private set; }

    protected override void LoadRecord() => Record = IsNew ? null : Setup.Sites.FirstOrDefault(s => s.Id == Id) ?? throw Missing("hospital site");

    public IEnumerable<(string, string)> Trusts => Setup.Organisations
        .Where(o => o.Active && o.Kind is OrganisationKind.AcuteTrust or OrganisationKind.CommunityTrust).Select(o => (o.OdsCode, $"{o.Name} ({o.OdsCode})"));

    public async Task<IActionResult> OnPostAsync(int? version, CancellationToken ct)
    {
        await Load(ct);
        var form = Request.Form;
        var input = new SaveHospitalSite.Input
        {
            Organisation = form["organisation"], SiteCode = Record?.SiteCode ?? form["siteCode"], Name = form["name"], Wards = Lines("wards"), Active = Flag(form["active"]) ?? true,
        };
        return await Save("Hospital site", () => save.Handle(Record?.Id, input, version, HttpContext.Actor(), ct), r => r.Name, ct);
    }
}
