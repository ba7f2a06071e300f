using Homeward.Web.Infrastructure;
using Homeward.Access;
using Homeward.People;
using Homeward.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Homeward.Web.Pages.People;

[Needs(Right.ReadRecords, PersonRecord = true)]
public sealed class ShowModel(PersonRecord record) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public PersonRecord.View Record { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Record = await record.Handle(Id, HttpContext.Actor(), ct);
}
