using Homeward.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace Homeward.Administration;

/// <summary>
/// A transaction of its own, or a part of the caller's when one is open (the set-up file applies every record in one
/// transaction, and a use case inside it must neither begin a second nor commit the caller's).
/// </summary>
internal sealed class Transactions : IAsyncDisposable
{
    private readonly IDbContextTransaction? _own;

    private Transactions(IDbContextTransaction? own) => _own = own;

    public static async Task<Transactions> Begin(HomewardDb db, CancellationToken ct) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null);

    public Task Commit(CancellationToken ct) => _own?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
