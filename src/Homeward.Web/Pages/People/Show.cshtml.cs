using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.People;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.People;

/// <summary>A person's record; for someone recorded without an NHS number, the hub enters the number it traced.</summary>
[Needs(Right.ReadRecords, PersonRecord = true)]
public sealed class ShowModel(PersonRecord record, TraceNhsNumber trace) : Homeward.Web.Pages.Shared.ActingPage
{
    [FromRoute] public Guid Id { get; set; }
    public PersonRecord.View Record { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostTraceAsync(string? nhsNumber, int version, CancellationToken ct) =>
        Act("trace", key => $"trace-{key}", async () =>
        {
            var person = await trace.Handle(Id, new TraceNhsNumber.Input(nhsNumber, "01"), version, HttpContext.Actor(), ct);
            return $"NHS number {person.NhsNumberDisplay} recorded, verified on the Personal Demographics Service.";
        }, ct);

    protected override string Here => $"/people/{Id}";

    protected override async Task Load(CancellationToken ct) => Record = await record.Handle(Id, HttpContext.Actor(), ct);
}
