using Homeward.Access;
using Homeward.Audit;
using Homeward.Data;
using Homeward.Demo;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Referrals;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward;

public static class HomewardServices
{
    /// <summary>
    /// Registers the database, the clock, local accounts and every use case: what the web app, the
    /// CLI and the benchmarks share. Returns the Identity builder so a host can add sign-in to it.
    /// </summary>
    public static IdentityBuilder AddHomeward(this IServiceCollection services, string provider, string connectionString)
    {
        services.AddHomewardDb(provider, connectionString);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AccessScope>();
        services.AddScoped<Access.BreakGlassViews>();
        services.AddScoped<Access.OpenBreakGlass>();
        services.AddScoped<Access.MyBreakGlass>();
        services.AddScoped<Access.EndBreakGlass>();
        services.AddScoped<Access.BreakGlassReviews>();
        services.AddScoped<Access.ReviewBreakGlass>();
        services.AddScoped<RoleProfiles>();
        services.AddScoped<SubmitReferral>();
        services.AddScoped<ReferralPersonCheck>();
        services.AddScoped<Home.YourDay>();
        services.AddScoped<WithdrawReferral>();
        services.AddScoped<Matching.GetHeldReferral>();
        services.AddScoped<Matching.DecideMatch>();
        services.AddScoped<GetReferral>();
        services.AddScoped<SearchReferrals>();
        services.AddScoped<UpdateReferral>();
        services.AddScoped<GetEpisode>();
        services.AddScoped<SearchEpisodes>();
        services.AddScoped<ChangeEpisode>();
        services.AddScoped<Delays.RecordDelay>();
        services.AddScoped<Delays.ReadDelays>();
        services.AddScoped<DischargeReady.ImportReadyList>();
        services.AddScoped<Attention.NeedsAttention>();
        services.AddScoped<Attention.ClaimAttention>();
        services.AddScoped<Pressure.SystemPressure>();
        services.AddScoped<Pressure.RecordEscalation>();
        services.AddScoped<Alerts.SendAlerts>();
        services.AddSingleton<Alerts.IMailer, Alerts.SmtpMailer>();
        services.AddSingleton<Messages.ITextSender, Messages.NotifyTextSender>();
        services.AddScoped<Messages.SendMessages>();
        services.AddScoped<Messages.TellFamily>();
        services.AddScoped<FollowUps.HomeContacts>();
        services.AddScoped<GetPerson>();
        services.AddScoped<FindPeople>();
        services.AddScoped<UpdatePerson>();
        services.AddScoped<TraceNhsNumber>();
        services.AddScoped<PostcodeDirectory>();
        services.AddScoped<Rotas.Carers.CarerRules>();
        services.AddScoped<Rotas.Carers.ListCarers>();
        services.AddScoped<Rotas.Carers.GetCarer>();
        services.AddScoped<Rotas.Carers.AddCarer>();
        services.AddScoped<Rotas.Carers.ChangeCarer>();
        services.AddScoped<PersonRecord>();
        services.AddScoped<SubjectAccess>();
        services.AddScoped<Hub.Board>();
        services.AddScoped<Capacity.BookCapacity>();
        services.AddScoped<Capacity.RespondToBooking>();
        services.AddScoped<Capacity.SetCapacity>();
        services.AddScoped<Capacity.CapacityView>();
        services.AddScoped<Capacity.MatchServices>();
        services.AddScoped<Capacity.WaitingList>();
        services.AddScoped<Capacity.Offers>();
        services.AddScoped<ReadAudit>();
        services.AddScoped<AuditChain>();
        services.AddScoped<Care.MeasureCatalogue>();
        services.AddScoped<Care.GetCareRecord>();
        services.AddScoped<Care.CareChange>();
        services.AddScoped<Care.AssessPerson>();
        services.AddScoped<Care.AgreePlan>();
        services.AddScoped<Care.SetGoal>();
        services.AddScoped<Care.ScoreGoal>();
        services.AddScoped<Care.DescribeGoal>();
        services.AddScoped<UrgentResponse.RecordUrgentAssessment>();
        services.AddScoped<Retention.ApplyRetention>();
        services.AddScoped<Retention.Disposal.ReadDisposalReviews>();
        services.AddScoped<Retention.Disposal.ReviewRecord>();
        services.AddScoped<People.SubjectAccessRequests.SubjectAccessRequests>();
        services.AddScoped<People.RightsRequests.OpenRightsRequest>();
        services.AddScoped<People.RightsRequests.AnswerRightsRequest>();
        services.AddScoped<People.RightsRequests.ReadRightsRequests>();
        services.AddScoped<Care.RecordMeasure>();
        services.AddScoped<Care.HoldReview>();
        services.AddScoped<Care.SignpostSupport>();
        services.AddScoped<Visits.RecordVisit>();
        services.AddScoped<Visits.VisitList>();
        services.AddScoped<Rounds.GetMyRound>();
        services.AddScoped<Rounds.AcknowledgeRound>();
        services.AddScoped<Deterioration.RecordObservation>();
        services.AddScoped<Carers.RecordCarerInvolvement>();
        services.AddScoped<YourCare.PublicAccess>();
        services.AddScoped<YourCare.SignInCodes>();
        services.AddScoped<YourCare.GetYourCare>();
        services.AddScoped<YourCare.ShareCare>();
        services.AddScoped<YourCare.RecordExperience>();
        services.AddScoped<Visits.Delivered.PlannedAgainstDelivered>();
        services.AddScoped<Rounds.RecordAtTheDoor>();
        services.AddScoped<FollowUps.FollowUpTasks>();
        services.AddScoped<Figures.LoadFacts>();
        services.AddScoped<Figures.SetTarget>();
        services.AddScoped<Figures.Dashboard>();
        services.AddScoped<Returns.MakeReturn>();
        services.AddScoped<Returns.ClientLevelData.DataQuality>();
        services.AddScoped<Referrals.SentWith.SentWithReferral>();
        services.AddScoped<Referrals.SentWith.AttachDocument>();
        services.AddScoped<Planning.LoadPlanningInputs>();
        services.AddScoped<Planning.LiveScenarios>();
        services.AddScoped<Planning.GetLiveScenario>();
        services.AddScoped<Planning.RunPlan>();
        services.AddScoped<Planning.ListPlans>();
        services.AddScoped<Planning.GetPlan>();
        services.AddScoped<Rotas.TeamRotas>();
        services.AddScoped<Rotas.RotaDays>();
        services.AddScoped<Rotas.BuildRota>();
        services.AddScoped<Rotas.PublishRota>();
        services.AddScoped<Rotas.Adjust.DraftRotas>();
        services.AddScoped<Rotas.Adjust.MoveVisit>();
        services.AddScoped<Rotas.Adjust.SwapVisits>();
        services.AddScoped<Rotas.Adjust.WhoCouldTake>();
        services.AddScoped<Rotas.Urgent.AddUrgentVisit>();
        services.AddScoped<Rotas.Urgent.UrgentCandidates>();
        services.AddScoped<Rotas.Availability.RecordAvailability>();
        services.AddScoped<Rotas.Availability.ListAvailability>();
        services.AddScoped<Rotas.Availability.WithdrawAvailability>();
        services.AddScoped<Rotas.Availability.ReplanToday>();
        services.AddScoped<Rotas.Roads.RoadNetwork>();
        services.AddScoped<Rotas.Roads.ImportRoads>();
        // Long work, on the job engine (the web app registers the engine: IJobQueue).
        services.AddScoped<Jobs.Jobs>();
        services.AddScoped<RateCounter>();
        services.AddSingleton<Jobs.RunJob>();
        services.AddScoped<Rotas.BuildRotaWork>();
        services.AddScoped<Jobs.IJobWork>(sp => sp.GetRequiredService<Rotas.BuildRotaWork>());
        services.AddScoped<Planning.RunPlanWork>();
        services.AddScoped<Jobs.IJobWork>(sp => sp.GetRequiredService<Planning.RunPlanWork>());
        services.AddScoped<Planning.CapacityPlans.PlanCapacity>();
        services.AddScoped<Planning.BcfPlan.MakeCapacityDemandPlan>();
        services.AddScoped<Planning.CapacityPlans.ReadCapacityPlans>();
        services.AddScoped<Planning.CapacityPlans.PlanCapacityWork>();
        services.AddScoped<Jobs.IJobWork>(sp => sp.GetRequiredService<Planning.CapacityPlans.PlanCapacityWork>());
        services.AddScoped<Returns.MakeReturnWork>();
        services.AddScoped<Jobs.IJobWork>(sp => sp.GetRequiredService<Returns.MakeReturnWork>());
        services.AddScoped<Returns.GetMadeReturn>();
        services.AddSingleton(new Rotas.RotaSettings());
        services.AddScoped<DemoCounty>();
        services.AddScoped<Administration.SaveOrganisation>();
        services.AddScoped<Administration.SaveLocality>();
        services.AddScoped<Administration.SaveHospitalSite>();
        services.AddScoped<Administration.SaveService>();
        services.AddScoped<Administration.SaveUser>();
        services.AddScoped<Administration.SetUserActive>();
        services.AddScoped<Administration.UnlockUser>();
        services.AddScoped<Administration.ResetPassword>();
        services.AddScoped<Administration.SavePartnership>();
        services.AddScoped<Administration.ReadSetup>();
        services.AddScoped<Administration.ListHospitalSites>();
        services.AddScoped<Administration.ApplySetupFile>();
        services.AddScoped<Administration.CreateFirstAdministrator>();
        // Keys live in the database, so any instance (and the CLI, which makes password links) can read what another protected.
        services.AddDataProtection().SetApplicationName("Homeward").PersistKeysToDbContext<HomewardDb>();
        return services.AddIdentityCore<HomewardUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<HomewardDb>()
            .AddDefaultTokenProviders();
    }
}
