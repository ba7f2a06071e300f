using Homeward.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Jobs;

/// <summary>The long pieces of work that run off the request path, on the job engine.</summary>
public enum JobKind
{
    /// <summary>A team's rota for a day, by the optimiser (<see cref="Rotas.BuildRotaWork"/>).</summary>
    RotaBuild,
    /// <summary>A planning run of the simulator (<see cref="Planning.RunPlanWork"/>).</summary>
    PlanningRun,
    /// <summary>A national return, kept to see and download (<see cref="Returns.MakeReturnWork"/>).</summary>
    Return,
    /// <summary>The cheapest capacity that meets a delay target (<see cref="Planning.CapacityPlans.PlanCapacityWork"/>).</summary>
    CapacityPlan,
}

public enum JobStatus { Queued, Running, Done, Failed, Cancelled }

/// <summary>
/// One piece of long work: what was asked, by whom, how far it has got, and what came of it. The job engine (Quartz.NET,
/// clustered on PostgreSQL) decides which instance runs it and runs it again if that instance dies; this row is what
/// people see, and what makes the rules hold across instances: one active job per <see cref="Key"/> (a database
/// constraint), and a cancel asked on any instance reaching the one running it.
/// </summary>
public sealed class Job
{
    public const int KeyLength = 120;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public JobKind Kind { get; init; }
    /// <summary>What may run only once at a time (a team and day for a rota); unique among queued and running jobs.</summary>
    public required string Key { get; init; }
    /// <summary>What to do, as JSON (the work's own input record).</summary>
    public required string Input { get; init; }
    /// <summary>In words, for lists: "Rota for Reablement North on Tuesday 8 December".</summary>
    public required string Title { get; init; }
    public JobStatus Status { get; set; }

    // Who asked, kept to act as them when the work runs (rights are checked again then).
    public required string UserId { get; init; }
    public required string UserName { get; init; }
    public Role Role { get; init; }
    public Guid OrganisationId { get; init; }
    public required string CorrelationId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>How many times it has been started: more than one after the instance running it died.</summary>
    public int Attempts { get; set; }
    /// <summary>0 to 100, and what the work last said it was doing.</summary>
    public int Percent { get; set; }
    public string? Message { get; set; }
    public bool CancelRequested { get; set; }
    public string? CancelledBy { get; set; }
    /// <summary>Where the result is (the rota, the planning run) once done: in the API, and the page people see it on.</summary>
    public string? ResultUrl { get; set; }
    public string? ResultPage { get; set; }
    /// <summary>What the person is told when it failed (never a stack trace; that goes to the log).</summary>
    public string? Error { get; set; }

    public bool Active => IsActive(Status);

    /// <summary>Queued or running: not yet ended one way or another.</summary>
    public static bool IsActive(JobStatus status) => status is JobStatus.Queued or JobStatus.Running;

    public Actor Actor => new(UserId, UserName, Role, OrganisationId, CorrelationId);
}

public sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> e)
    {
        e.ToTable("Jobs");
        e.HasKey(j => j.Id);
        // One active job per key, whatever instance asked: the database refuses the second.
        e.HasIndex(j => j.Key).IsUnique().HasFilter("\"Status\" IN ('Queued', 'Running')").HasDatabaseName("IX_Jobs_Key_Active");
        e.HasIndex(j => new { j.UserId, j.CreatedAt });
        e.HasIndex(j => new { j.Status, j.CreatedAt });
        e.Property(j => j.Key).HasMaxLength(Job.KeyLength);
        e.Property(j => j.Title).HasMaxLength(200);
        e.Property(j => j.UserId).HasMaxLength(450);
        e.Property(j => j.UserName).HasMaxLength(256);
        e.Property(j => j.CorrelationId).HasMaxLength(128);
        e.Property(j => j.Message).HasMaxLength(200);
        e.Property(j => j.CancelledBy).HasMaxLength(256);
        e.Property(j => j.ResultUrl).HasMaxLength(200);
        e.Property(j => j.ResultPage).HasMaxLength(200);
        e.Property(j => j.Error).HasMaxLength(2000);
        e.Ignore(j => j.Active);
        e.Ignore(j => j.Actor);
    }
}
