using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People;

/// <summary>What every request a person makes of the privacy officer gives, checked the same way: who, who asked, when it arrived.</summary>
internal static class PrivacyRequestFields
{
    /// <summary>The id of the person held with this NHS number; null, with the problem under <paramref name="field"/>, when the number is wrong or nobody has it.</summary>
    public static async Task<Guid?> Person(HomewardDb db, Problems problems, string field, string? typed, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            problems.Add(field, "Enter their NHS number.");
            return null;
        }
        if (problems.NhsNumber(field, typed) is not { } number)
            return null;
        var id = await db.People.AsNoTracking().Where(p => p.NhsNumber == number).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
        if (id is null)
            problems.Add(field, "Nobody with that NHS number is held: nothing to send but that answer.");
        return id;
    }

    /// <summary>Who asked: the person, or their representative and on what authority.</summary>
    public static string Requester(Problems problems, string? typed) =>
        problems.Required("requester", typed, 500, "who asked (the person, or their representative and on what authority)");

    /// <summary>The day the request arrived (today when not given; never in the future): its answer is due a month later.</summary>
    public static DateOnly ReceivedOn(Problems problems, string? typed, DateOnly today)
    {
        var received = problems.Date("receivedOn", typed, "the day the request arrived", required: false) ?? today;
        if (received > today)
            problems.Add("receivedOn", "The day the request arrived cannot be in the future.");
        return received;
    }
}
