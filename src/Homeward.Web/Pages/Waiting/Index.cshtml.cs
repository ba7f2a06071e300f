using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.Capacity;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.Waiting;

[Needs(Right.ReadRecords)]
public sealed class IndexModel(WaitingList waiting, CapacityView capacity) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Service { get; set; }
    public IReadOnlyList<WaitingList.Entry> Entries { get; private set; } = [];
    public IReadOnlyList<(string Value, string Label)> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Entries = await waiting.Handle(Service, actor, ct);
        Services = [.. (await capacity.Handle(actor, ct)).Services.Select(s => (s.Id.ToString(), s.Name))];
    }
}
