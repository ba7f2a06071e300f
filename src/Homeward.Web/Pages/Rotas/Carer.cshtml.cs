using Homeward.Access;
using Homeward.Common;
using Homeward.Rotas;
using Homeward.Rotas.Availability;
using Homeward.Rotas.Carers;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Homeward.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Rotas;

/// <summary>
/// Add a carer to a team, or change one: every problem said at once, what was typed kept; and a carer's leave, sickness,
/// training and changed hours.
/// </summary>
[Needs(Right.PlanRota)]
public sealed class CarerModel(TeamRotas rotas, GetCarer carers, AddCarer add, ChangeCarer change, ListAvailability availability,
    RecordAvailability record, WithdrawAvailability withdraw) : ActingPage
{
    /// <summary>"new", or the carer's id.</summary>
    [FromRoute] public string Which { get; set; } = "new";
    public Guid? Id => Guid.TryParse(Which, out var id) ? id : null;
    [FromQuery] public Guid? Team { get; set; }
    public CarerView? Carer { get; private set; }
    public TeamRotas.Team? TheTeam { get; private set; }
    public IReadOnlyList<AvailabilityView> Changes { get; private set; } = [];
    private bool _stay;
    private Guid? _saved;

    protected override string Here => _stay ? $"/rotas/carers/{Id}#availability" : $"/rotas/carers?team={_saved ?? TheTeam?.Id}";

    protected override async Task Load(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        if (Id is { } id)
        {
            Carer = await carers.Handle(id, actor, ct);
            Changes = await availability.Handle(id, actor, ct);
        }
        else if (Which != "new")
            throw new NotFoundException("carer", Which);
        var teamId = Carer?.ServiceId ?? Team;
        TheTeam = (await rotas.Teams(actor, ct)).FirstOrDefault(t => t.Id == teamId) ?? throw new NotFoundException("team", teamId ?? Guid.Empty);
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAsync(int? version, CancellationToken ct)
    {
        await Load(ct);
        var form = Request.Form;
        var input = new CarerInput
        {
            Name = form["name"], Skills = [.. form["skills"].OfType<string>()], Postcode = form["postcode"], ShiftStart = form["shiftStart"],
            ShiftEnd = form["shiftEnd"], BreakMinutes = int.TryParse(form["breakMinutes"], out var b) ? b : string.IsNullOrWhiteSpace(form["breakMinutes"]) ? 0 : -1,
            BreakFrom = form["breakFrom"], BreakTo = form["breakTo"], Days = [.. form["days"].OfType<string>()], UserName = form["userName"],
            Active = form["active"] != "false",
        };
        return await Act("carer", async () =>
        {
            var actor = HttpContext.Actor();
            var saved = Id is { } id ? await change.Handle(id, input, version, actor, ct) : await add.Handle(TheTeam!.Id, input, actor, ct);
            _saved = saved.ServiceId;
            return Id is null ? $"{saved.Name} added to {TheTeam!.Name}." : $"{saved.Name}'s details saved.";
        }, ct);
    }

    /// <summary>The change's hours are named apart from the carer's own shift fields on the same page.</summary>
    public Task<IActionResult> OnPostAvailabilityAsync(string? kind, string? from, string? to, string? fromTime, string? hoursStart, string? hoursEnd,
        string? note, CancellationToken ct) =>
        Act("availability", field => field switch { "shiftStart" => "hoursStart", "shiftEnd" => "hoursEnd", _ => field }, async () =>
        {
            _stay = true;
            var saved = await record.Handle(Id ?? throw new NotFoundException("carer", Which),
                new RecordAvailability.Input(kind, from, to, fromTime, hoursStart, hoursEnd, note), HttpContext.Actor(), ct);
            return $"Recorded: {saved.Description}. Rotas built from now plan by it; a published rota it changes shows it.";
        }, ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid change, CancellationToken ct) =>
        Act("withdraw", async () =>
        {
            _stay = true;
            var withdrawn = await withdraw.Handle(Id ?? throw new NotFoundException("carer", Which), change, HttpContext.Actor(), ct);
            return $"Withdrawn: {withdrawn.Description}.";
        }, ct);

    /// <summary>The ticked values of a checkbox field: as sent when refused, else as held.</summary>
    public IEnumerable<string> Ticked(string field, IEnumerable<string>? held) =>
        FailedStep == "carer" && Posted is { } posted ? posted[field].OfType<string>() : held ?? [];
}
