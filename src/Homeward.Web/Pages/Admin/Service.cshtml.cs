using Homeward.Access;
using Homeward.Administration;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Admin;

[Needs(Right.Administer)]
public sealed class ServiceModel(ReadSetup setup, SaveService save) : AdminPage(setup)
{
    public SaveService.View? Record { get; private set; }

    protected override void LoadRecord() => Record = IsNew ? null : Setup.Services.FirstOrDefault(s => s.Id == Id) ?? throw Missing("service");

    public IEnumerable<(string, string)> Runners => Setup.Organisations.Where(o => o.Active).Select(o => (o.OdsCode, $"{o.Name} ({o.OdsCode})"));

    public async Task<IActionResult> OnPostAsync(int? version, CancellationToken ct)
    {
        await Load(ct);
        var form = Request.Form;
        var input = new SaveService.Input
        {
            Name = form["name"], Organisation = form["organisation"], Kind = Record?.Kind.ToString() ?? form["kind"], Pathway = Record?.Pathway.ToString() ?? form["pathway"],
            Localities = [.. form["localities"].OfType<string>()], DailyCapacity = Number(form["dailyCapacity"]),
            CostPerDay = string.IsNullOrWhiteSpace(form["costPerDay"]) ? null : decimal.TryParse(form["costPerDay"], out var cost) ? cost : -1,
            Phone = form["phone"], DoubleHanded = form["doubleHanded"] == "true", Commissioned = form["commissioned"] == "true", AcceptingAdmissions = form["acceptingAdmissions"] != "false",
            OpensOn = form["opensOn"], ClosesOn = form["closesOn"], Skills = [.. form["skills"].OfType<string>()],
        };
        return await Save("Service", () => save.Handle(Record?.Id, input, version, HttpContext.Actor(), ct), r => r.Name, ct);
    }
}
