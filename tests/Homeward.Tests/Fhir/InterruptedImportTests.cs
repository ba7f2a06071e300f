using System.Diagnostics;
using Homeward.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Tests.Fhir;

/// <summary>
/// The interrupted-import drill: `homeward fhir import` over a folder of referral bundles is killed part way, then run
/// again; every referral ends up stored exactly once.
/// </summary>
public sealed class InterruptedImportTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Cli()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Homeward.slnx")))
            dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("the repository");
        var dll = Path.Combine(dir, "src", "Homeward.Cli", "bin", "Debug", "net10.0", "Homeward.Cli.dll");
        Assert.True(File.Exists(dll), $"Build the solution first: {dll} is missing.");
        return dll;
    }

    private Process Import(string folder) => Process.Start(new ProcessStartInfo("dotnet")
    {
        ArgumentList = { Cli(), "fhir", "import", folder, "--provider", TestDatabase.Provider, "--database", app.ConnectionString },
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    })!;

    [Fact]
    public async Task An_import_killed_part_way_and_run_again_stores_every_referral_exactly_once()
    {
        _ = await app.ClientFor(Homeward.Access.Role.HubCoordinator);   // the app has migrated the database
        var folder = Directory.CreateTempSubdirectory("homeward-import-").FullName;
        const int files = 400;
        var numbers = new List<string>();
        for (var i = 0; i < files; i++)
        {
            var nhs = Bodies.NewNhsNumber();
            numbers.Add(nhs);
            var fullUrl = $"urn:uuid:{Guid.NewGuid()}";
            await File.WriteAllTextAsync(Path.Combine(folder, $"referral-{i:D4}.json"),
                FhirBundles.Transaction(FhirBundles.Patient(nhs, fullUrl), FhirBundles.Referral(fullUrl)), Ct);
        }
        try
        {
            // This class's database holds only this test's records.
            await using var db = app.Db();
            async Task<int> Stored() => await db.Referrals.CountAsync(Ct);

            // First run: killed once some referrals are in, well before the end.
            using (var first = Import(folder))
            {
                var clock = Stopwatch.StartNew();
                while (!first.HasExited && await Stored() < files / 4 && clock.Elapsed < TimeSpan.FromMinutes(2))
                    await Task.Delay(25, Ct);
                Assert.False(first.HasExited, "The import finished before it could be interrupted: give it more files.");
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync(Ct);
            }
            var before = await Stored();
            Assert.InRange(before, 1, files - 1);

            // Second run: to the end.
            using (var second = Import(folder))
            {
                var output = await second.StandardOutput.ReadToEndAsync(Ct);
                await second.WaitForExitAsync(Ct);
                Assert.True(second.ExitCode == 0, output + await second.StandardError.ReadToEndAsync(Ct));
            }

            Assert.Equal(files, await Stored());
            var perPerson = await db.Referrals.GroupBy(r => r.PersonId).Select(g => g.Count()).ToListAsync(Ct);
            Assert.Equal(files, perPerson.Count);
            Assert.All(perPerson, n => Assert.Equal(1, n));
            var held = (await db.People.Select(p => p.NhsNumber).ToListAsync(Ct)).Select(n => n!.Value.Value).ToHashSet();
            Assert.True(held.SetEquals(numbers));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
