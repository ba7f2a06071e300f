using Homeward.Alerts;
using Homeward.Audit;
using Homeward.Messages;
using Quartz;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// The regular rounds, as recurring jobs on the job engine (decision 036), so that each round runs on one instance of
/// the cluster at a time rather than on every instance:
/// <list type="bullet">
/// <item>sealing new audit rows into the hash chain (<c>Audit:SealEverySeconds</c>, default 10; 0 turns it off, and
/// <c>homeward audit seal</c> does it by hand);</item>
/// <item>alerting the team mailbox (<c>Alerts:EverySeconds</c>, default 15), once a mailbox and an SMTP relay are set
/// (<c>Alerts:Mailbox</c>, <c>Alerts:Smtp:Host</c>);</item>
/// <item>sending the outbox to people and families (<c>Messages:EverySeconds</c>, default 5): e-mail once an SMTP relay
/// is set, texts once GOV.UK Notify is (<c>Messages:Notify</c>); with neither the messages wait (or, with
/// <c>Messages:WriteToLog</c>, as in development, are written to the log);</item>
/// <item>applying the retention schedule (<c>Retention:EverySeconds</c>, default 3600), which writes what it did to the
/// audit trail.</item>
/// </list>
/// A failed round is logged and tried at the next. Every instance should have the same settings: each, as it starts,
/// schedules the rounds its settings turn on and removes those they turn off.
/// </summary>
public static class Rounds
{
    private sealed record Round(string Name, Type Job, double Seconds);

    public static IServiceCollection AddRounds(this IServiceCollection services) => services.AddHostedService<Schedule>();

    private static IEnumerable<Round> From(IConfiguration config, ITextSender texts)
    {
        yield return new Round("audit-seal", typeof(SealAudit), config.GetValue("Audit:SealEverySeconds", 10.0));
        var smtp = !string.IsNullOrEmpty(config["Alerts:Smtp:Host"]);
        yield return new Round("alerts", typeof(SendAlertsRound),
            smtp && !string.IsNullOrEmpty(config["Alerts:Mailbox"]) ? config.GetValue("Alerts:EverySeconds", 15.0) : 0);
        yield return new Round("messages", typeof(SendMessagesRound),
            smtp || texts.Configured || config.GetValue("Messages:WriteToLog", false) ? config.GetValue("Messages:EverySeconds", 5.0) : 0);
        yield return new Round("retention", typeof(RetentionRound), config.GetValue("Retention:EverySeconds", 3600.0));
    }

    /// <summary>Schedules the rounds turned on and removes the rest, once the job engine has started.</summary>
    private sealed class Schedule(ISchedulerFactory schedulers, IConfiguration config, ITextSender texts, TimeProvider clock) : IHostedService
    {
        public async Task StartAsync(CancellationToken ct)
        {
            var scheduler = await schedulers.GetScheduler(ct);
            foreach (var round in From(config, texts))
            {
                var key = new JobKey(round.Name, "rounds");
                if (round.Seconds <= 0)
                {
                    await scheduler.DeleteJob(key, ct);
                    continue;
                }
                var job = JobBuilder.Create().OfType(round.Job).WithIdentity(key).StoreDurably().Build();
                var trigger = TriggerBuilder.Create(clock).WithIdentity(round.Name, "rounds").ForJob(key).StartNow()
                    // A round missed (every thread busy, or the cluster down) is not made up: the next one does its work.
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(round.Seconds)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                    .Build();
                await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
            }
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>One round: the work, and a warning in the log when it fails (the next round tries again).</summary>
    private abstract class RoundJob(ILogger log) : IJob
    {
        protected abstract string Failed { get; }

        protected abstract Task Run(CancellationToken ct);

        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await Run(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "{What}; it will be tried again.", Failed);
            }
        }
    }

    [DisallowConcurrentExecution]
    private sealed class SealAudit(AuditChain chain, ILogger<SealAudit> log) : RoundJob(log)
    {
        protected override string Failed => "Sealing the audit trail failed";

        protected override Task Run(CancellationToken ct) => chain.Seal(ct);
    }

    [DisallowConcurrentExecution]
    private sealed class SendAlertsRound(SendAlerts alerts, ILogger<SendAlertsRound> log) : RoundJob(log)
    {
        protected override string Failed => "Sending alerts failed";

        protected override async Task Run(CancellationToken ct)
        {
            var sent = await alerts.Round(ct);
            if (sent > 0)
                log.LogInformation("Alerted the team mailbox to {Count} new items needing attention.", sent);
        }
    }

    [DisallowConcurrentExecution]
    private sealed class SendMessagesRound(SendMessages messages, ILogger<SendMessagesRound> log) : RoundJob(log)
    {
        protected override string Failed => "Sending messages to people and families failed";

        protected override async Task Run(CancellationToken ct)
        {
            var sent = await messages.Round(ct);
            if (sent > 0)
                log.LogInformation("Sent {Count} messages to people and families.", sent);
        }
    }

    [DisallowConcurrentExecution]
    private sealed class RetentionRound(Homeward.Retention.ApplyRetention retention, ILogger<RetentionRound> log) : RoundJob(log)
    {
        protected override string Failed => "Applying the retention schedule failed";

        protected override async Task Run(CancellationToken ct)
        {
            foreach (var done in (await retention.Run(ct)).Where(a => a.Count > 0))
                log.LogInformation("Retention: {Rule}, {Count} {What}.", done.Rule, done.Count,
                    done.Action == Homeward.Retention.RetentionAction.Review ? "due for review" : "deleted");
        }
    }
}
