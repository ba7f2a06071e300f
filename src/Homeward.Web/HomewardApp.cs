using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Demo;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Referrals;
using Homeward.Web.Api;
using Homeward.Web.Auth;
using Homeward.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

namespace Homeward.Web;

/// <summary>Composition of the web server: services, sign-in, error handling and endpoints.</summary>
public static class HomewardApp
{
    public static WebApplication Build(string[] args)
    {
        // The application name anchors Razor Pages discovery to this assembly, also when a test host starts it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(HomewardApp).Assembly.GetName().Name });
        var services = builder.Services;
        var config = builder.Configuration;

        // First of all hosted services: the database must be migrated before anything reads it (e.g. the key ring).
        services.AddHostedService<DatabasePreparer>();
        Homeward.Fhir.FhirServices.AddHomewardFhir(services);
        // Fhir:WarmUp=false leaves UK Core to load on the first FHIR post (the browser tests, many short-lived apps).
        if (!string.Equals(config["Fhir:WarmUp"], "false", StringComparison.OrdinalIgnoreCase))
            services.AddHostedService<UkCoreWarmUp>();
        // In development (the demo) messages to people and families are written to the log unless a relay is set up.
        if (builder.Environment.IsDevelopment() && config["Messages:WriteToLog"] is null)
            config["Messages:WriteToLog"] = "true";
        var provider = config["Database:Provider"] ?? "Sqlite";
        var demo = DemoPassword.From(config, builder.Environment);
        services.AddSingleton(demo);
        var connectionString = ConnectionString(config, builder.Environment.ContentRootPath, provider);
        services.AddJobEngine(config, provider, connectionString);
        services.AddRounds();
        services.AddHomeward(provider, connectionString)
            .AddPasswordValidator<DemoPassword.Validator>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<HomewardClaimsFactory>();
        // Rotas: travel assumptions, cost weights and search time, from the "Rotas" section (defaults in RotaSettings).
        services.AddSingleton(config.GetSection("Rotas").Get<Homeward.Rotas.RotaSettings>() ?? new Homeward.Rotas.RotaSettings());

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "Homeward";
                o.DefaultChallengeScheme = "Homeward";
            })
            .AddPolicyScheme("Homeward", "Cookie or token", o =>
                o.ForwardDefaultSelector = http => ApiTokens.IsBearer(http.Request) ? ApiTokens.Scheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokens.Scheme, null)
            .AddExternalSignIn(config)
            .AddPublicSession()
            .AddNhsLogin(config)
            .AddIdentityCookies(o => o.ApplicationCookie?.Configure(c =>
            {
                c.LoginPath = "/account/login";
                c.Cookie.Name = "homeward";
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Lax;
                c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                c.SlidingExpiration = true;
                c.ExpireTimeSpan = TimeSpan.FromHours(8);
                c.Events.OnValidatePrincipal = Sessions.Validate;
                c.Events.OnRedirectToLogin = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, 401);
                c.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, 403);
            }));
        // The cookie is re-issued from the user record every 30 minutes: keep the profile the user chose to act in, if
        // they still hold it (else they fall back to their own), so a choice never outlives the profile.
        services.AddHttpContextAccessor();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IHttpContextAccessor>((options, accessor) => options.OnRefreshingPrincipal = async context =>
        {
            var current = context.CurrentPrincipal;
            if (current?.FindFirst(HomewardClaims.Role)?.Value is not { } role || current.FindFirst(HomewardClaims.Organisation)?.Value is not { } organisation
                || context.NewPrincipal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is not { } userId
                || accessor.HttpContext is not { } http)
                return;
            if (Enum.TryParse<Role>(role, out var r) && Guid.TryParse(organisation, out var o)
                && await http.RequestServices.GetRequiredService<RoleProfiles>().Holds(userId, r, o, http.RequestAborted))
                HomewardClaims.ActingAs(context.NewPrincipal, r, o);
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.Configure<JsonOptions>(o => Json.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Behind a TLS proxy every cookie is Secure (the sign-in cookie's policy is set with it above).
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddRazorPages(o =>
            {
                foreach (var page in new[] { "/Account/Login", "/Account/SetPassword" })
                    o.Conventions.AddPageApplicationModelConvention(page,
                        model => model.EndpointMetadata.Add(new RequestLimits.SignInAttempts()));
            })
            .AddMvcOptions(o => o.Filters.Add<AccessRulePageFilter>());
        services.AddProblemDetails();
        services.AddExceptionHandler<ErrorHandler>();
        services.AddOpenApi(o =>
        {
            o.CreateSchemaReferenceId = SchemaNames.For;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Homeward API";
                document.Info.Description = "Referrals, triage and episodes of intermediate care. Authenticate with " +
                                            "POST /api/auth/tokens, then send 'Authorization: Bearer TOKEN'.";
                return Task.CompletedTask;
            });
        });


        services.AddSingleton<FrontendStyles>();
        services.AddMemoryCache();
        services.AddScoped<LayoutFacts>();
        var behindProxy = Proxies.Configure(services, config);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

        var app = builder.Build();
        // Behind a TLS-terminating proxy: the client's scheme, host and address as the proxy saw them, so cookies are
        // Secure, links and Locations name https and the public host, and HSTS is sent.
        if (behindProxy)
            app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseSecurityHeaders(app.Services.GetRequiredService<FrontendStyles>().WebFonts);
        // API bodies stay readable after the endpoint has read them, so that a body with values of the wrong type can be
        // read again to name every one (see ErrorHandler).
        app.Use((http, next) =>
        {
            if (IsApi(http.Request) && http.Request.HasJsonContentType())
                http.Request.EnableBuffering();
            return next(http);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            // A refusal, a missing record or bad input is an answer, not a fault: only what becomes a 500 is logged as an error.
            SuppressDiagnosticsCallback = context => ErrorHandler.Describe(context.Exception).Status != 500,
        });
        app.UseFormLimits();
        // FHIR clients get an OperationOutcome for every refusal, the sign-in layer's 401 and 403 included.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/fhir"), fhir => fhir.UseStatusCodePages(FhirEndpoints.StatusOutcome));
        app.UseWhen(http => IsApi(http.Request) && !http.Request.Path.StartsWithSegments("/fhir"), api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApi(http.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        // The web app manifest (so a carer can install their round on the phone) is not a type the static files know.
        var types = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = types });
        // Routing after the error and status pages, so that their re-executed requests find the error page.
        app.UseRouting();
        app.UseAuthentication();
        // Before authorisation, which answers a request without an accepted sign-in itself: a guessed token is counted.
        app.UseMiddleware<RequestLimits>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi().ForEveryone();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Homeward API")).ForEveryone();
        app.MapGet("/health", async (HomewardDb db, CancellationToken ct) =>
                await db.Database.CanConnectAsync(ct)
                    ? Results.Ok(new { status = "Healthy" })
                    : Results.Problem(statusCode: 503, title: "The database cannot be reached"))
            .ForEveryone()
            .WithTags("Health");
        app.MapGet(FrontendStyles.LocalPath, (FrontendStyles styles, HttpContext http) => styles.Local(http)).ForEveryone().ExcludeFromDescription();
        app.MapAuth();
        app.MapReferrals();
        app.MapDischargeReady();
        app.MapAttention();
        app.MapPressure();
        app.MapEpisodes();
        app.MapPeople();
        app.MapCapacity();
        app.MapCare();
        app.MapFigures();
        app.MapReturns();
        app.MapPlanning();
        app.MapRotas();
        app.MapJobs();
        app.MapBreakGlass();
        app.MapAdmin();
        app.MapFhir();
        app.MapRazorPages();
        return app;
    }

    private static string ConnectionString(IConfiguration config, string contentRoot, string provider)
    {
        var configured = config.GetConnectionString("Homeward");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        if (DatabaseSetup.Parse(provider) != DatabaseProvider.Sqlite)
            throw new InvalidOperationException("Set ConnectionStrings:Homeward for the PostgreSQL database.");
        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "homeward.db")}";
    }

    /// <summary>Machine clients (REST, FHIR, OpenAPI) get ProblemDetails and status codes; people get pages.</summary>
    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir") || path.StartsWithSegments("/openapi");

    private static Task ApiAware(HttpContext http, string redirectUri, int status)
    {
        if (IsApi(http.Request))
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
