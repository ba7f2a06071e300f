using Homeward.Access;
using Homeward.Fhir;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Homeward.Cli;

/// <summary>
/// <c>homeward fhir import FILE|DIR</c>: creates the referrals in FHIR files (transaction Bundles, or ServiceRequests for
/// known patients; JSON or XML), each file all or nothing, and says what happened to each.
/// <c>homeward fhir export --person NHSNUMBER</c>: everything held about one person as a FHIR collection Bundle.
/// Both act as the system for the council, and are audited as such.
/// </summary>
internal static class FhirCommand
{
    private const string BaseUrl = "urn:homeward:cli/fhir";

    public static async Task<int> Import(string provider, string? connection, string path, CancellationToken ct)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path).Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).Order().ToList()
            : File.Exists(path) ? [path] : [];
        if (files.Count == 0)
            return Fail($"No FHIR files (.json or .xml) at {path}.");
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return 2;
        var actor = await System(database, ct);
        var failed = 0;
        foreach (var file in files)
        {
            // Each file in its own scope: one file's refusal leaves nothing half-done for the next.
            await using var scope = database.Services.CreateAsyncScope();
            var api = scope.ServiceProvider.GetRequiredService<FhirCreate>();
            try
            {
                var text = await File.ReadAllTextAsync(file, ct);
                var resource = FhirFormat.Read(text, FhirFormat.OfContentType(file));
                // Keyed by the file's content: a rerun after a crash replays what was stored instead of storing it twice.
                var key = "fhir-import:" + Convert.ToHexStringLower(global::System.Security.Cryptography.SHA256.HashData(global::System.Text.Encoding.UTF8.GetBytes(text)));
                var (response, location) = await api.Create(resource, BaseUrl, actor, ct, key);
                if (response is Hl7.Fhir.Model.Bundle { Type: Hl7.Fhir.Model.Bundle.BundleType.Document })
                {
                    AnsiConsole.MarkupLineInterpolated($"[green]{Path.GetFileName(file)}[/]: document attached to the person's open referral ({location}).");
                    continue;
                }
                var referrals = response is Hl7.Fhir.Model.Bundle b ? b.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.ServiceRequest>().ToList() : [(Hl7.Fhir.Model.ServiceRequest)response];
                var held = referrals.Count(r => r.Status == Hl7.Fhir.Model.RequestStatus.OnHold);
                AnsiConsole.MarkupLineInterpolated($"[green]{Path.GetFileName(file)}[/]: {referrals.Count - held} referral(s) taken{(held > 0 ? $", {held} held for the hub to check the patient" : "")}{(location is null ? "" : $" ({location})")}.");
            }
            catch (FhirException e)
            {
                failed++;
                AnsiConsole.MarkupLineInterpolated($"[red]{Path.GetFileName(file)}[/]: refused ({e.Status}), nothing kept:");
                foreach (var p in e.Problems)
                    Console.WriteLine($"  {(p.Expression.Length > 0 ? p.Expression + ": " : "")}{p.Message}");
            }
        }
        return failed == 0 ? 0 : 1;
    }

    public static async Task<int> Export(string provider, string? connection, string nhsNumber, string? output, bool xml, CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return 2;
        try
        {
            var bundle = await database.Services.GetRequiredService<FhirExport>().Export(nhsNumber, BaseUrl, await System(database, ct), ct);
            var text = FhirFormat.Write(bundle, xml ? FhirFormatKind.Xml : FhirFormatKind.Json);
            if (output is null)
                Console.WriteLine(text);
            else
            {
                await File.WriteAllTextAsync(output, text, ct);
                AnsiConsole.MarkupLineInterpolated($"[green]{bundle.Entry.Count} resources[/] written to {output}.");
            }
            return 0;
        }
        catch (FhirException e)
        {
            return Fail(string.Join("; ", e.Problems.Select(p => p.Message)));
        }
    }

    private static async Task<Actor> System(CliDatabase database, CancellationToken ct) =>
        Actor.System(await database.Db.Organisations.Where(o => o.Kind == OrganisationKind.Council).Select(o => o.Id).FirstOrDefaultAsync(ct), "cli");

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}

/// <summary><c>homeward subject-access --person NHSNUMBER --out FILE</c>: everything held about one person, as JSON.</summary>
internal static class SubjectAccessCommand
{
    public static async Task<int> Run(string provider, string? connection, string nhsNumber, string? output, CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return 2;
        if (!Homeward.People.NhsNumber.TryParse(nhsNumber, out var number, out var error))
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }
        var person = await database.Db.People.Where(p => p.NhsNumber == number).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            await Console.Error.WriteLineAsync($"Nobody with NHS number {number.Display} is held.");
            return 2;
        }
        var council = await database.Db.Organisations.Where(o => o.Kind == OrganisationKind.Council).Select(o => o.Id).FirstOrDefaultAsync(ct);
        var export = await database.Services.GetRequiredService<Homeward.People.SubjectAccess>().Handle(person.Value, Actor.System(council, "cli"), ct);
        var json = System.Text.Json.JsonSerializer.Serialize(export, new System.Text.Json.JsonSerializerOptions(Homeward.Common.Json.Options) { WriteIndented = true });
        if (output is null)
            Console.WriteLine(json);
        else
        {
            await File.WriteAllTextAsync(output, json, ct);
            AnsiConsole.MarkupLineInterpolated($"[green]Written[/] {output}: {export.Referrals.Count} referrals, {export.Episodes.Count} episodes, {export.Accesses.Count} accesses.");
        }
        return 0;
    }
}
