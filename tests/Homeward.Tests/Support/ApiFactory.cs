using System.Net.Http.Headers;
using System.Net.Http.Json;
using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Tests.Support;

/// <summary>
/// The real web app on a fresh database of the provider under test, with the demo sign-ins but not
/// the demo county. <see cref="ClientFor"/> signs in as a role through the token endpoint.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<Role, string> _tokens = [];
    public string ConnectionString { get; }

    public ApiFactory() : this(TestDatabase.Fresh())
    {
    }

    /// <summary>An app on a database of another's: a second instance, or the same one started again.</summary>
    protected ApiFactory(string connectionString) => ConnectionString = connectionString;

    /// <summary>Keeps the database when the app stops (another instance goes on using it).</summary>
    public bool KeepDatabase { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestDatabase.Provider);
        builder.UseSetting("ConnectionStrings:Homeward", ConnectionString);
        builder.UseSetting("Demo:County", "false");
        // Tests seal the audit trail themselves when they are about it.
        builder.UseSetting("Audit:SealEverySeconds", "0");
        builder.UseSetting("Rotas:SearchSeconds", "1");
        builder.UseSetting("Fhir:UkCorePackage", UkCore.Folder);
        // Tests make many requests a second as one user; the API limit has its own test.
        builder.UseSetting("Security:ApiRequestsPerMinute", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        // One validator for every test app: loading UK Core and the R4 specification takes seconds, once.
        builder.ConfigureServices(services => services.AddSingleton(UkCore.Validator));
    }

    private readonly SemaphoreSlim _preparing = new(1, 1);
    private bool _prepared;

    /// <summary>Makes a fixture's starting point (a demo county, a published rota) once, however many tests ask at once.</summary>
    protected async Task Once(Func<CancellationToken, Task> prepare, CancellationToken ct)
    {
        await _preparing.WaitAsync(ct);
        try
        {
            if (!_prepared)
            {
                await prepare(ct);
                _prepared = true;
            }
        }
        finally
        {
            _preparing.Release();
        }
    }

    /// <summary>Forgets the tokens handed out (after moving a fake clock past their expiry).</summary>
    protected void ForgetTokens() => _tokens.Clear();

    public async Task<HttpClient> ClientFor(Role role)
    {
        var client = CreateClient();
        if (!_tokens.TryGetValue(role, out var token))
        {
            var account = DemoAccounts.Accounts.Single(a => a.Role == role);
            var response = await client.PostAsJsonAsync("/api/auth/tokens", new { userName = account.UserName, password = DemoAccounts.Password });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenBody>(Json.Options))!.Token;
            _tokens[role] = token;
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A database context on the same database, for looking behind the API.</summary>
    public HomewardDb Db() => Services.CreateScope().ServiceProvider.GetRequiredService<HomewardDb>();

    private sealed record TokenBody(string Token);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (TestDatabase.IsPostgres)
            await TestDatabase.Release(ConnectionString, drop: !KeepDatabase);
        else if (!KeepDatabase)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(ConnectionString["Data Source=".Length..] + suffix);
        }
    }
}
