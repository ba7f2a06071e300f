using Homeward.Data;
using Homeward.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Web.Infrastructure;

/// <summary>
/// Before the server takes requests: applies migrations and, when configured (the default), seeds the
/// demo sign-ins and, on first start, the demo county. Then prints where the app is and how to sign in.
/// </summary>
public sealed class DatabasePreparer(IServiceProvider services, IConfiguration config, Auth.DemoPassword demo, IHostApplicationLifetime lifetime,
    IServer server, ILogger<DatabasePreparer> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HomewardDb>();
        if (db.Provider == DatabaseProvider.Postgres && config["Database:OwnerConnectionString"] is { Length: > 0 } ownerConnection)
        {
            // Migrate as the tables' owner; the app itself connects as a role that may only add to the audit trail.
            await using var owner = DatabaseSetup.Create("Postgres", ownerConnection);
            await owner.Database.MigrateAsync(ct);
            // The job engine's tables too: the app's role may not create tables (decision 036).
            await JobEngine.ProvisionSchemaAs(ownerConnection, ct);
            var appRole = PostgresPrivileges.AppRoleOf(db.Database.GetConnectionString()!);
            await PostgresPrivileges.GrantAsync(owner, appRole, ct);
            log.LogInformation("Migrated as the owner; granted the app's role {Role} its privileges", appRole);
        }
        else
            await db.Database.MigrateAsync(ct);
        var unsafeDurability = await Durability.Problems(db, ct);
        if (unsafeDurability.Count > 0)
        {
            if (!config.GetValue("Database:AllowUnsafeDurability", false))
                throw new InvalidOperationException("Homeward will not start on a database that can lose committed records: "
                    + string.Join(" ", unsafeDurability) + " (Database:AllowUnsafeDurability=true allows it, for throwaway test databases only.)");
            log.LogWarning("Running on a database that can lose committed records, as allowed by Database:AllowUnsafeDurability: {Problems}",
                string.Join(" ", unsafeDurability));
        }
        if (!demo.Demo)
        {
            lifetime.ApplicationStarted.Register(PrintStart);
            return;
        }

        var county = scope.ServiceProvider.GetRequiredService<DemoCounty>();
        if (!config.GetValue("Demo:County", true))
        {
            await county.EnsureAccountsAsync(ct);
            return;
        }
        var size = Enum.Parse<DemoSize>(config["Demo:Size"] ?? nameof(DemoSize.Standard), ignoreCase: true);
        if (!await db.Referrals.AnyAsync(ct))
            log.LogInformation("Building the {Size} demo county (first start only)...", size);
        var summary = await county.GenerateAsync(new DemoCounty.Options(size, config.GetValue("Demo:SeedValue", 2026)), ct: ct);
        if (!summary.Skipped)
            log.LogInformation("Demo county ready: {Referrals} referrals for {People} people in {Seconds:F1} s",
                summary.Referrals, summary.People, summary.Elapsed.TotalSeconds);
        try
        {
            if (await DemoRound.PublishToday(db, scope.ServiceProvider.GetRequiredService<Homeward.Rotas.BuildRota>(), scope.ServiceProvider.GetRequiredService<Homeward.Rotas.PublishRota>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct))
                log.LogInformation("Published today's rota for the demo carer's team (reablement@demo.homeward).");
            if (await DemoFamily.Share(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct))
                log.LogInformation("A family member can see a demo person's care: sign in at /your-care as {Email}.", DemoFamily.Email);
        }
        catch (Homeward.Common.ValidationFailedException e)
        {
            log.LogWarning("The demo carer has no round today: {Reason}", e.Message);
        }
        lifetime.ApplicationStarted.Register(PrintWelcome);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private void PrintStart()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        Console.WriteLine($"""

            Homeward is running at {address} (no demo: Demo:Seed is off).
              Sign in:        {address}/account/login
              First start? Make the first administrator: ./homeward admin create-admin (see docs/going-live.md).

            """);
    }

    private void PrintWelcome()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        Console.WriteLine($"""

            Homeward is running at {address}
              Sign in:        {address}/account/login
              API reference:  {address}/api/reference   (OpenAPI document: {address}/openapi/v1.json)
              Demo sign-ins, password for all: {DemoAccounts.Password}
            {string.Join(Environment.NewLine, DemoAccounts.Accounts.Select(a => $"    {a.UserName,-28} {a.Role}"))}

            """);
    }
}
