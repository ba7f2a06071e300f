using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Administration;

/// <summary>What saving a record of the partnership's set-up did: created it, changed these fields, or nothing.</summary>
public sealed record Saved<T>(T Record, bool Created, IReadOnlyList<string> Changed)
{
    public bool Unchanged => !Created && Changed.Count == 0;

    /// <summary>"created", "changed name, wards", or "unchanged": what <c>homeward setup</c> reports.</summary>
    public string Said => Created ? "created" : Unchanged ? "unchanged" : "changed " + string.Join(", ", Changed);
}

/// <summary>
/// Applies new values to a record field by field, noting which differ, so that a save that changes nothing writes
/// nothing (no new version, no audit row) and a rerun of the set-up file says exactly what it changed.
/// </summary>
internal sealed class Changes
{
    private readonly List<string> _changed = [];

    public IReadOnlyList<string> Changed => _changed;

    public void Set<TValue>(string field, TValue current, TValue wanted, Action<TValue> apply)
    {
        if (EqualityComparer<TValue>.Default.Equals(current, wanted))
            return;
        apply(wanted);
        _changed.Add(field);
    }

    /// <summary>Notes a field the caller changed itself (a set of linked rows).</summary>
    public void Note(string field) => _changed.Add(field);

    public void SetList(string field, IReadOnlyList<string> current, IReadOnlyList<string> wanted, Action<List<string>> apply)
    {
        if (current.SequenceEqual(wanted, StringComparer.Ordinal))
            return;
        apply([.. wanted]);
        _changed.Add(field);
    }

    /// <summary>Audits and saves a new record, or a changed one with its version raised; an unchanged one is left alone.</summary>
    public async Task<Saved<T>> Save<T>(HomewardDb db, bool created, string what, object id, Actor actor, TimeProvider clock,
        Action raiseVersion, Func<T> view, CancellationToken ct)
    {
        if (!created && _changed.Count == 0)
            return new Saved<T>(view(), false, []);
        if (!created)
            raiseVersion();
        db.AuditEntries.Add(AuditEntry.For(actor, $"{what}.{(created ? "create" : "update")}", null, id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new Saved<T>(view(), created, _changed);
    }
}

/// <summary>Checks shared by the set-up's records.</summary>
internal static class SetupRules
{
    /// <summary>An ODS code: 3 to 10 letters and digits, upper case.</summary>
    public static string OdsCode(Problems problems, string field, string? value, string label)
    {
        var code = problems.Required(field, value, 10, label).ToUpperInvariant();
        if (code.Length > 0 && (code.Length < 3 || !code.All(char.IsAsciiLetterOrDigit)))
            problems.Add(field, $"An ODS code has 3 to 10 letters and digits, like RXX or RXX01 (this is '{code}').");
        return code;
    }

    /// <summary>A member organisation named by its ODS code (the field's problem when none is, or it has left); null when not found.</summary>
    public static async Task<Organisation?> Member(HomewardDb db, Problems problems, string field, string? ods, string label, CancellationToken ct)
    {
        var code = problems.Required(field, ods, 10, label).ToUpperInvariant();
        if (code.Length == 0)
            return null;
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.OdsCode == code, ct);
        if (organisation is null)
            problems.Add(field, $"No member organisation has the ODS code {code}: add it first.");
        else if (!organisation.Active)
            problems.Add(field, $"{organisation.Name} is no longer a member.");
        return organisation;
    }

    /// <summary>The version check for a change; nothing for a new record.</summary>
    public static void Version(string what, int current, int? expected, bool created)
    {
        if (!created)
            Versions.Demand(what, current, expected);
    }
}
