using Homeward.Access;
using Homeward.Administration;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Admin;

[Needs(Right.Administer)]
public sealed class LocalityModel(ReadSetup setup, SaveLocality save) : AdminPage(setup)
{
    public ReadSetup.LocalityLine? Record { get; private set; }

    protected override void LoadRecord() =>
        Record = IsNew ? null : Setup.Localities.FirstOrDefault(l => l.Locality.Id == Id) ?? throw Missing("locality");

    public async Task<IActionResult> OnPostAsync(int? version, CancellationToken ct)
    {
        await Load(ct);
        var form = Request.Form;
        var input = new SaveLocality.Input { Name = form["name"], Population = Number(form["population"]), Postcodes = Lines("postcodes") };
        return await Act("record", async () =>
        {
            var saved = await OneFieldPerList(() => save.Handle(Record?.Locality.Id, input, version, HttpContext.Actor(), ct));
            return $"Locality {saved.Record.Name}: {saved.Said}." + (saved.Record.PeopleMoved is { } moved ? $" {moved} people placed again from their postcodes." : "");
        }, ct);
    }
}
