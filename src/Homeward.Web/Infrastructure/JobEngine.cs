using Homeward.Data;
using Homeward.Jobs;
using Quartz;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// The job engine: Quartz.NET with its tables in the app's own database (decision 036). On PostgreSQL every instance
/// joins one cluster: a job runs on whichever instance has a free thread, and when an instance dies mid-job another
/// runs it again after <c>Jobs:FailoverSeconds</c> (its check-ins stop). On SQLite (one instance by design) the job
/// store is the same file, so a job survives a restart. Planning runs are run one at a time across the cluster; rota
/// builds side by side (one per team and day, which the database holds: <see cref="Job.Key"/>).
/// </summary>
public static class JobEngine
{
    private static readonly JobKey Concurrent = new("work", "homeward");
    private static readonly JobKey Serial = new("work-one-at-a-time", "homeward");

    public static IServiceCollection AddJobEngine(this IServiceCollection services, IConfiguration config, string provider, string connectionString)
    {
        services.AddSingleton<IJobQueue, QuartzQueue>();
        var postgres = DatabaseSetup.Parse(provider) == DatabaseProvider.Postgres;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "Homeward";
                // Another instance's new job is picked up within this (this instance's own, at once).
                o.IdleWaitTime = TimeSpan.FromSeconds(config.GetValue("Jobs:PollSeconds", 2.0));
                if (postgres)
                    o.GenerateInstanceId = true;
                // Stopping: running jobs are asked to stop, waited for, and handed back to run again (below).
                o.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            q.UseDefaultThreadPool(config.GetValue("Jobs:Threads", 2));
            q.UsePersistentStore(store =>
            {
                if (postgres)
                {
                    store.UsePostgres(connectionString);
                    var failover = TimeSpan.FromSeconds(config.GetValue("Jobs:FailoverSeconds", 15.0));
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = failover / 3;
                        c.CheckinMisfireThreshold = failover;
                    });
                }
                else
                    store.UseSqlite(connectionString);
                store.ProvisionSchema();
                // An instance stopping hands its running jobs back, to run again there or elsewhere.
                store.ConfigureStore(o => o.RecoverFiringsCancelledByShutdown = true);
            });
            q.AddJob<ConcurrentWork>(j => j.WithIdentity(Concurrent).StoreDurably().RequestRecovery());
            q.AddJob<SerialWork>(j => j.WithIdentity(Serial).StoreDurably().RequestRecovery());
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>
    /// Makes the job engine's tables on PostgreSQL as the given role (the tables' owner, when the app connects as a role
    /// that may not create tables; the owner's grants then cover them): a scheduler of another name, started and stopped,
    /// so it fires nothing of the app's. Creates only what is missing.
    /// </summary>
    public static async Task ProvisionSchemaAs(string ownerConnectionString, CancellationToken ct)
    {
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "Homeward-schema");
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(ownerConnectionString);
                store.ProvisionSchema();
            });
        }).BuildScheduler(ct);
        await scheduler.Start(ct);
        await scheduler.Shutdown(false, ct);
    }

    /// <summary>Hands a job to Quartz: one trigger, now, carrying the job's id.</summary>
    /// <remarks>
    /// The trigger is timed by the app's clock, which is the scheduler's too (Quartz takes the container's): a test on a
    /// fixed clock still has its jobs run at once.
    /// </remarks>
    private sealed class QuartzQueue(ISchedulerFactory schedulers, TimeProvider clock) : IJobQueue
    {
        public async Task Enqueue(Job job, CancellationToken ct)
        {
            var scheduler = await schedulers.GetScheduler(ct);
            var trigger = TriggerBuilder.Create(clock)
                .WithIdentity(job.Id.ToString(), "homeward")
                .ForJob(job.Kind is JobKind.PlanningRun or JobKind.CapacityPlan ? Serial : Concurrent)
                .UsingJobData("job", job.Id.ToString())
                .StartNow()
                .Build();
            await scheduler.ScheduleJob(trigger, default, ct);
        }
    }

    private abstract class Work(RunJob run) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            if (Guid.TryParse(context.MergedJobDataMap.GetString("job"), out var id))
                await run.Run(id, cancellationToken);
        }
    }

    private sealed class ConcurrentWork(RunJob run) : Work(run);

    [DisallowConcurrentExecution]
    private sealed class SerialWork(RunJob run) : Work(run);
}
