using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Referrals;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Data;

/// <summary>
/// The database. The DbContext is the repository: use cases query it directly. Each provider has a
/// subclass (<see cref="SqliteHomewardDb"/>, <see cref="PostgresHomewardDb"/>) that owns its migrations.
/// </summary>
public abstract class HomewardDb(DbContextOptions options) : IdentityDbContext<HomewardUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect sign-in cookies, shared by every web instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Locality> Localities => Set<Locality>();
    public DbSet<Administration.HospitalSite> HospitalSites => Set<Administration.HospitalSite>();
    public DbSet<Administration.Partnership> Partnerships => Set<Administration.Partnership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<RoleProfile> RoleProfiles => Set<RoleProfile>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Referrals.SentWith.SentDocument> SentDocuments => Set<Referrals.SentWith.SentDocument>();
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<EpisodeEvent> EpisodeEvents => Set<EpisodeEvent>();
    public DbSet<Delays.DelayEntry> DelayEntries => Set<Delays.DelayEntry>();
    public DbSet<Attention.AttentionClaim> AttentionClaims => Set<Attention.AttentionClaim>();
    public DbSet<Pressure.EscalationAction> EscalationActions => Set<Pressure.EscalationAction>();
    public DbSet<Matching.HeldReferral> HeldReferrals => Set<Matching.HeldReferral>();
    public DbSet<Alerts.AlertSent> AlertsSent => Set<Alerts.AlertSent>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditPerson> AuditPeople => Set<AuditPerson>();
    public DbSet<BreakGlassAccess> BreakGlassAccesses => Set<BreakGlassAccess>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<CareService> CareServices => Set<CareService>();
    public DbSet<ServiceLocality> ServiceLocalities => Set<ServiceLocality>();
    public DbSet<CapacityDay> CapacityDays => Set<CapacityDay>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<BookingDay> BookingDays => Set<BookingDay>();
    public DbSet<PersonDay> PersonDays => Set<PersonDay>();
    public DbSet<Care.Assessment> Assessments => Set<Care.Assessment>();
    public DbSet<Care.CarePlan> CarePlans => Set<Care.CarePlan>();
    public DbSet<Care.Review> Reviews => Set<Care.Review>();
    public DbSet<Care.Goal> Goals => Set<Care.Goal>();
    public DbSet<Care.GoalScore> GoalScores => Set<Care.GoalScore>();
    public DbSet<Care.MeasureResult> MeasureResults => Set<Care.MeasureResult>();
    public DbSet<Care.CustomMeasure> CustomMeasures => Set<Care.CustomMeasure>();
    public DbSet<Care.CommunitySupport> CommunitySupports => Set<Care.CommunitySupport>();
    public DbSet<Visits.Visit> Visits => Set<Visits.Visit>();
    public DbSet<Rounds.VisitAction> VisitActions => Set<Rounds.VisitAction>();
    public DbSet<Rounds.VisitTaskRecord> VisitTaskRecords => Set<Rounds.VisitTaskRecord>();
    public DbSet<Deterioration.Observation> Observations => Set<Deterioration.Observation>();
    public DbSet<UrgentResponse.UrgentAssessment> UrgentAssessments => Set<UrgentResponse.UrgentAssessment>();
    public DbSet<People.SubjectAccessRequests.SubjectAccessRequest> SubjectAccessRequests => Set<People.SubjectAccessRequests.SubjectAccessRequest>();
    public DbSet<People.RightsRequests.RightsRequest> RightsRequests => Set<People.RightsRequests.RightsRequest>();
    public DbSet<Retention.Disposal.DisposalReview> DisposalReviews => Set<Retention.Disposal.DisposalReview>();
    public DbSet<Carers.CarerInvolvement> CarerInvolvements => Set<Carers.CarerInvolvement>();
    public DbSet<Messages.OutboundMessage> OutboundMessages => Set<Messages.OutboundMessage>();
    public DbSet<YourCare.FamilyAccess> FamilyAccesses => Set<YourCare.FamilyAccess>();
    public DbSet<YourCare.PublicView> PublicViews => Set<YourCare.PublicView>();
    public DbSet<YourCare.OneTimeCode> OneTimeCodes => Set<YourCare.OneTimeCode>();
    public DbSet<YourCare.ExperienceResponse> ExperienceResponses => Set<YourCare.ExperienceResponse>();
    public DbSet<PostcodeLocation> PostcodeLocations => Set<PostcodeLocation>();
    public DbSet<FollowUps.FollowUp> FollowUps => Set<FollowUps.FollowUp>();
    public DbSet<FollowUps.FollowUpAttempt> FollowUpAttempts => Set<FollowUps.FollowUpAttempt>();
    public DbSet<FollowUps.HomeContact> HomeContacts => Set<FollowUps.HomeContact>();
    public DbSet<Figures.Target> Targets => Set<Figures.Target>();
    public DbSet<Planning.PlanningRun> PlanningRuns => Set<Planning.PlanningRun>();
    public DbSet<Planning.CapacityPlans.CapacityPlan> CapacityPlans => Set<Planning.CapacityPlans.CapacityPlan>();
    public DbSet<Homeward.Rotas.CareWorker> CareWorkers => Set<Homeward.Rotas.CareWorker>();
    public DbSet<Homeward.Rotas.Rota> Rotas => Set<Homeward.Rotas.Rota>();
    public DbSet<Homeward.Rotas.RotaAssignment> RotaAssignments => Set<Homeward.Rotas.RotaAssignment>();
    public DbSet<Jobs.Job> Jobs => Set<Jobs.Job>();
    public DbSet<Returns.MadeReturn> MadeReturns => Set<Returns.MadeReturn>();

    public abstract DatabaseProvider Provider { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(48);
        configurationBuilder.Properties<NhsNumber>().HaveConversion<NhsNumberConverter>().HaveMaxLength(10);
        configurationBuilder.Properties<Postcode>().HaveConversion<PostcodeConverter>().HaveMaxLength(8);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<HomewardUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.Version).IsConcurrencyToken();
        });

        // Each feature's own mappings (IEntityTypeConfiguration in its folder).
        builder.ApplyConfigurationsFromAssembly(typeof(HomewardDb).Assembly);
    }
}

public enum DatabaseProvider { Sqlite, Postgres }
