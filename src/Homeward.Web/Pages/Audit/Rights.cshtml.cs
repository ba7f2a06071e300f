using Homeward.Access;
using Homeward.People.RightsRequests;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Homeward.Web.Pages.Audit;

/// <summary>Requests to correct a record or restrict its use: recording one, and those still to answer or in force.</summary>
[Needs(Right.AnswerSubjectAccess)]
public sealed class RightsModel(OpenRightsRequest open, ReadRightsRequests read) : Homeward.Web.Pages.Shared.ActingPage
{
    public IReadOnlyList<RightsRequestView> Current { get; private set; } = [];

    protected override string Here => "/audit/rights";

    protected override async Task Load(CancellationToken ct) => Current = await read.Current(HttpContext.Actor(), ct);

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostOpenAsync(string? kind, string? nhsNumber, string? requester, string? receivedOn, string? statement,
        string? ground, CancellationToken ct)
    {
        Guid? opened = null;
        var result = await Act("open", async () =>
        {
            var request = await open.Handle(new(kind, nhsNumber, requester, receivedOn, statement, ground), HttpContext.Actor(), ct);
            opened = request.Id;
            return request.Kind == RightsRequestKind.Restriction
                ? $"Restriction recorded for {request.Name}: in force from now, shown on their record."
                : $"Correction request recorded for {request.Name}: answer it by {request.DueOn:d MMMM yyyy}.";
        }, ct);
        return opened is { } id ? Redirect($"/audit/rights/{id}") : result;
    }
}
