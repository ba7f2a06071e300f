using System.Globalization;
using Homeward.People;

namespace Homeward.Matching;

/// <summary>
/// How the details sent for an NHS number compare with the person held for it: date of birth, given and family name,
/// first address line, postcode and gender (a gender not known on either side is no difference). Case and spacing are
/// ignored. The one comparison used by referrals (refused or held when they differ) and by the hub's decision page.
/// </summary>
public static class PatientMatch
{
    public sealed record Difference(string Field, string Label, string Held, string Sent);

    public static IReadOnlyList<Difference> Differences(Person held, Person sent)
    {
        static string Norm(string? s) => string.Join(' ', (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        var list = new List<Difference>();
        if (held.DateOfBirth != sent.DateOfBirth)
            list.Add(new("dateOfBirth", "the date of birth", Date(held.DateOfBirth), Date(sent.DateOfBirth)));
        if (Norm(held.GivenName) != Norm(sent.GivenName))
            list.Add(new("givenName", "the given name", held.GivenName, sent.GivenName));
        if (Norm(held.FamilyName) != Norm(sent.FamilyName))
            list.Add(new("familyName", "the family name", held.FamilyName, sent.FamilyName));
        if (Norm(held.AddressLine1) != Norm(sent.AddressLine1))
            list.Add(new("addressLine1", "the address", held.AddressLine1, sent.AddressLine1));
        if (held.Postcode != sent.Postcode)
            list.Add(new("postcode", "the postcode", held.Postcode.Value, sent.Postcode.Value));
        if (sent.Gender != Gender.NotKnown && held.Gender != Gender.NotKnown && held.Gender != sent.Gender)
            list.Add(new("gender", "the gender", held.Gender.ToString(), sent.Gender.ToString()));
        return list;
    }

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
