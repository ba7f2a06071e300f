using Homeward.Access;
using Homeward.Administration;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Admin;

[Needs(Right.Administer)]
public sealed class PartnershipModel(ReadSetup setup, SavePartnership save) : AdminPage(setup)
{
    protected override void LoadRecord() { }

    public IEnumerable<(string, string)> Councils =>
        Setup.Organisations.Where(o => o.Active && o.Kind == OrganisationKind.Council).Select(o => (o.OdsCode, $"{o.Name} ({o.OdsCode})"));

    public async Task<IActionResult> OnPostAsync(int? version, CancellationToken ct)
    {
        await Load(ct);
        var input = new SavePartnership.Input(Request.Form["name"], Request.Form["council"], Request.Form["phone"]);
        return await Save("Partnership", () => save.Handle(input, version, HttpContext.Actor(), ct), r => r.Name, ct);
    }
}
