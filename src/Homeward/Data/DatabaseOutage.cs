using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Homeward.Data;

/// <summary>
/// Whether a failure is the database being away (restarting, failing over, refusing connections, too busy) rather than
/// a fault in what was asked: such a request is answered 503 with Retry-After, and the app carries on without a restart
/// once the database is back (connections are opened per request from the pool).
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Class 08: connection exceptions; 57P01-03: the server shutting down or starting; 53300: too many connections.
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal)
                                              || p.SqlState is "57P01" or "57P02" or "57P03" or "53300":
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
                // SQLite: the file locked by another writer for longer than the busy timeout.
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
            }
        }
        return false;
    }
}
