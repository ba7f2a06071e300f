using Homeward.Episodes;
using Homeward.Referrals;
using Homeward.Triage;

using Route = Homeward.Referrals.Route;

namespace Homeward.Web.Pages;

/// <summary>How the pages name things: the words staff use, not the enum names.</summary>
public static class Labels
{
    /// <summary>The options of a yes-or-no question.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> YesNo = [("true", "Yes"), ("false", "No")];

    public static string Of(Route route) => route switch
    {
        Route.HospitalDischarge => "Hospital discharge",
        Route.EmergencyDepartment => "A&E",
        Route.UrgentCommunityResponse => "Urgent community response",
        Route.Community => "Community",
        _ => route.ToString(),
    };

    public static string Of(Service? service) => service switch
    {
        null => "Not triaged",
        Service.NoNewSupport => "Home, no new support",
        Service.UrgentCommunityResponse => "2-hour rapid response",
        Service.Reablement => "Reablement",
        Service.HomeBasedIntermediateCare => "Home-based intermediate care",
        Service.BedBasedIntermediateCare => "Bed-based intermediate care",
        Service.CareHomePlacement => "Care home placement",
        _ => service.ToString()!,
    };

    public static string Of(Pathway? pathway) => pathway?.ToString() ?? "No pathway yet";

    /// <summary>The NHS.UK tag colour for a status.</summary>
    public static string TagClass(EpisodeStatus status) => status switch
    {
        EpisodeStatus.Referred => "nhsuk-tag nhsuk-tag--blue",
        EpisodeStatus.Triaged => "nhsuk-tag nhsuk-tag--purple",
        EpisodeStatus.Accepted => "nhsuk-tag nhsuk-tag--aqua-green",
        EpisodeStatus.Waiting => "nhsuk-tag nhsuk-tag--orange",
        EpisodeStatus.Active => "nhsuk-tag nhsuk-tag--green",
        EpisodeStatus.Ended => "nhsuk-tag nhsuk-tag--grey",
        _ => "nhsuk-tag nhsuk-tag--red",
    };

    public static IEnumerable<(string Value, string Label)> Options<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (v.ToString(), label(v)));

    /// <summary>How a done visit's times were recorded: checked in and out on the carer's phone at the time, or typed in afterwards.</summary>
    public static string Verification(Homeward.Care.VisitView v) => !v.OnPhone ? "(times typed in afterwards)"
        : v.ArrivedMetres is { } metres ? $"(checked in and out on the phone, {metres:N0} m from the home)"
        : "(checked in and out on the phone; location not shared)";

    public static string Split(string pascal) => Homeward.Common.Words.Of(pascal);

    /// <summary>An NHS number as staff read it (3-3-4), or that it is not known and must be traced.</summary>
    public static string Nhs(string? number) =>
        Homeward.People.Person.Show(number is null ? null : Homeward.People.NhsNumber.Parse(number));

    public static string When(DateTimeOffset instant)
    {
        var london = TimeZoneInfo.ConvertTime(instant, London);
        return london.ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
    }

    /// <summary>A span in hours and minutes, as on a clock that is running: "1 h 23 min", "45 min".</summary>
    public static string Duration(TimeSpan span)
    {
        var minutes = (int)Math.Ceiling(span.TotalMinutes);
        return minutes >= 60 ? $"{minutes / 60} h {minutes % 60} min" : $"{minutes} min";
    }

    public static string Day(DateOnly date) => date.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>Times are stored in UTC and shown in Europe/London.</summary>
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
}
