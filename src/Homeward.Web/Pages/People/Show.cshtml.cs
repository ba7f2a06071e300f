using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.People;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.People;

/// <summary>A person's record; for someone recorded without an NHS number, the hub enters the number it traced.</summary>
[Needs(Right.ReadRecords, PersonRecord = true)]
public sealed class ShowModel(PersonRecord record, TraceNhsNumber trace, Homeward.YourCare.ShareCare share) : Homeward.Web.Pages.Shared.ActingPage
{
    [FromRoute] public Guid Id { get; set; }
    public PersonRecord.View Record { get; private set; } = null!;
    public Homeward.YourCare.ShareCare.Shared Shared { get; private set; } = null!;
    public bool CanShare => HttpContext.Actor().Has(Right.RecordCare);

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public Task<IActionResult> OnPostTraceAsync(string? nhsNumber, int version, CancellationToken ct) =>
        Act("trace", key => $"trace-{key}", async () =>
        {
            var person = await trace.Handle(Id, new TraceNhsNumber.Input(nhsNumber, "01"), version, HttpContext.Actor(), ct);
            return $"NHS number {person.NhsNumberDisplay} recorded, verified on the Personal Demographics Service.";
        }, ct);

    protected override string Here => $"/people/{Id}";

    protected override async Task Load(CancellationToken ct)
    {
        Record = await record.Handle(Id, HttpContext.Actor(), ct);
        Shared = await share.Of(Id, ct);
    }

    public Task<IActionResult> OnPostShareAsync(Homeward.YourCare.ShareCare.GrantInput input, CancellationToken ct) =>
        Act("share", key => $"share-{key}", async () =>
        {
            await share.Grant(Id, input, HttpContext.Actor(), ct);
            return $"{input.Name} can now see this person's care at /your-care.";
        }, ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid accessId, string? reason, CancellationToken ct) =>
        Act($"withdraw-{accessId}", key => $"{key}-{accessId}", async () =>
        {
            await share.Withdraw(Id, accessId, new Homeward.YourCare.ShareCare.WithdrawInput(reason), HttpContext.Actor(), ct);
            return "Access withdrawn.";
        }, ct);
}
