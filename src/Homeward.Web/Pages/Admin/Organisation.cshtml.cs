using Homeward.Access;
using Homeward.Administration;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Admin;

[Needs(Right.Administer)]
public sealed class OrganisationModel(ReadSetup setup, SaveOrganisation save) : AdminPage(setup)
{
    public SaveOrganisation.View? Record { get; private set; }

    protected override void LoadRecord() =>
        Record = IsNew ? null : Setup.Organisations.FirstOrDefault(o => o.Id == Id) ?? throw Missing("organisation");

    public async Task<IActionResult> OnPostAsync(int? version, CancellationToken ct)
    {
        await Load(ct);
        var form = Request.Form;
        var input = new SaveOrganisation.Input { OdsCode = Record?.OdsCode ?? form["odsCode"], Name = form["name"], Kind = form["kind"], Active = Flag(form["active"]) ?? true };
        return await Save("Organisation", () => save.Handle(Record?.Id, input, version, HttpContext.Actor(), ct), r => r.Name, ct);
    }
}
