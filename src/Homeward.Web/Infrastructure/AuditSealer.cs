using Homeward.Audit;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// Seals new audit rows into the hash chain every few seconds (<c>Audit:SealEverySeconds</c>, default 10; 0 turns it
/// off, and <c>homeward audit seal</c> does it by hand). A failed round is logged and tried again next time.
/// </summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, IConfiguration config, ILogger<AuditSealer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Audit:SealEverySeconds", 10);
        if (seconds <= 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AuditChain>().Seal(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sealing the audit trail failed; it will be tried again.");
            }
        }
    }
}
