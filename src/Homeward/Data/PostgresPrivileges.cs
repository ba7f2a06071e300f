using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Homeward.Data;

/// <summary>
/// On PostgreSQL the app can run as a role that does not own the tables: migrations run as the owner
/// (<c>Database:OwnerConnectionString</c>), and the app's own role is granted only what it needs. It may read and write
/// the records, but may only add to the audit trail (and the people its list rows name) and seal its rows (<c>Sequence</c>, <c>Hash</c>): it cannot change,
/// delete or truncate audit rows, nor lift the guard trigger (only an owner may), whatever the app's code does.
/// </summary>
public static partial class PostgresPrivileges
{
    public const string AuditTable = "AuditEntries";
    public const string AuditPeopleTable = "AuditPeople";

    /// <summary>The role the app connects as: the user name of its connection string.</summary>
    public static string AppRoleOf(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Username
        ?? throw new InvalidOperationException("The app's PostgreSQL connection string names no user (Username=...).");

    /// <summary>Grants the app's role its privileges on every table of the owner's schema (run after migrating, as the owner).</summary>
    public static async Task GrantAsync(HomewardDb owner, string appRole, CancellationToken ct)
    {
        if (!Identifier().IsMatch(appRole))
            throw new InvalidOperationException($"'{appRole}' is not a plain PostgreSQL role name (letters, digits and underscores).");
        var role = $"\"{appRole}\"";
        var schema = (await owner.Database.SqlQueryRaw<string>("SELECT current_schema() AS \"Value\"").ToListAsync(ct)).Single();
        var tables = await owner.Database.SqlQueryRaw<string>("SELECT tablename AS \"Value\" FROM pg_tables WHERE schemaname = current_schema()").ToListAsync(ct);
        var statements = new List<string> { $"GRANT USAGE ON SCHEMA \"{schema}\" TO {role}" };
        foreach (var table in tables)
        {
            var name = $"\"{schema}\".\"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            statements.Add($"REVOKE ALL ON {name} FROM {role}");
            statements.Add(table switch
            {
                AuditTable => $"GRANT SELECT, INSERT ON {name} TO {role}; GRANT UPDATE (\"Sequence\", \"Hash\") ON {name} TO {role}",
                AuditPeopleTable => $"GRANT SELECT, INSERT ON {name} TO {role}",
                "__EFMigrationsHistory" => $"GRANT SELECT ON {name} TO {role}",
                _ => $"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {role}",
            });
        }
        statements.Add($"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA \"{schema}\" TO {role}");
        await using var transaction = await owner.Database.BeginTransactionAsync(ct);
        foreach (var statement in statements)
            await owner.Database.ExecuteSqlRawAsync(statement, ct);
        await transaction.CommitAsync(ct);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
