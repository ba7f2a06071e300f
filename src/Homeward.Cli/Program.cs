using System.CommandLine;
using Homeward;
using Homeward.Cli;
using Homeward.Demo;

var database = new Option<string>("--database")
{
    Description = "Connection string. Default: the web app's SQLite file, src/Homeward.Web/data/homeward.db.",
};
var provider = new Option<string>("--provider")
{
    Description = "Sqlite or Postgres.",
    DefaultValueFactory = _ => "Sqlite",
};
var size = new Option<DemoSize>("--size")
{
    Description = "Small (~2,800 referrals), Standard (~11,000) or Large (~66,000: a year of a large county) or Region (~1,030,000: five large counties over three years).",
    DefaultValueFactory = _ => DemoSize.Standard,
};
var seed = new Option<int>("--seed") { Description = "The same seed gives the same county.", DefaultValueFactory = _ => 2026 };
var today = new Option<DateOnly?>("--today") { Description = "The last day of the generated year (yyyy-MM-dd). Default: today." };

var demo = new Command("demo", "Build a synthetic demo county (a year of referrals and episodes ending today) into an empty database.")
{
    database, provider, size, seed, today,
};
demo.SetAction((result, ct) => DemoCommand.Run(
    result.GetValue(provider)!, result.GetValue(database), result.GetValue(size), result.GetValue(seed), result.GetValue(today), ct));

var code = new Argument<string>("code")
{
    Description = "cld, ascof-2a, ascof-2d, local-91-days, weekly-intermediate-care, discharge-delays, urgent-response, bcf, or a SALT-layout local analysis: sts001, sts002a, sts002b, sts004.",
};
var from = new Option<string?>("--from") { Description = "First day (yyyy-MM-dd). With --to; without both, the return's usual period." };
var to = new Option<string?>("--to") { Description = "Last day (yyyy-MM-dd)." };
var format = new Option<Homeward.Returns.ReturnFormat>("--format") { Description = "Csv, Xlsx or Json.", DefaultValueFactory = _ => Homeward.Returns.ReturnFormat.Csv };
var output = new Option<string?>("--out") { Description = "The file to write (required for Xlsx). Default: the console." };
var returns = new Command("returns", "Make a national return from the records (Client Level Data, validated first; ASCOF; the weekly intermediate care collection; local analyses).")
{
    code, from, to, format, output, database, provider,
};
returns.SetAction((result, ct) => ReturnsCommand.Run(result.GetValue(provider)!, result.GetValue(database), result.GetValue(code)!,
    result.GetValue(from), result.GetValue(to), result.GetValue(format), result.GetValue(output), ct));

var scenarioFile = new Argument<string?>("scenario") { Description = "A scenario file (JSON or YAML; see docs/simulation.md).", Arity = ArgumentArity.ZeroOrOne };
var live = new Option<string?>("--live") { Description = "Start from the database's records today instead of a file: forecast (10 days) or plan (26 weeks). Writes scenario.json beside the results." };
var replications = new Option<int>("--replications") { Description = "Replications to run (in parallel on every core).", DefaultValueFactory = _ => 1000 };
var simulationSeed = new Option<long>("--seed") { Description = "The same seed gives the same results.", DefaultValueFactory = _ => 1 };
var simulationOut = new Option<string>("--out") { Description = "The folder to write the results to.", DefaultValueFactory = _ => "simulation" };
var sweep = new Option<string?>("--sweep") { Description = "Vary one input: PATH=FROM..TO[:STEP] or PATH=A,B,C, e.g. nodes.P2-north.capacity=60..100:10." };
var growth = new Option<double?>("--growth") { Description = "Multiply every arrival rate (1.2: demand grows 20%)." };
var simulate = new Command("simulate", "Run a demand-and-capacity scenario: occupancy, queues, delays and costs with their spread.")
{
    scenarioFile, live, replications, simulationSeed, simulationOut, sweep, growth, database, provider,
};
simulate.SetAction(async (result, ct) =>
{
    var file = result.GetValue(scenarioFile);
    var output = result.GetValue(simulationOut)!;
    if (result.GetValue(live) is { } mode)
    {
        file = await SimulateCommand.WriteLive(result.GetValue(provider)!, result.GetValue(database), mode, output, ct);
        if (file is null)
            return 2;
    }
    if (file is null)
        return Fail("Give a scenario file, or --live forecast|plan to start from the database.");
    return await SimulateCommand.Run(file, result.GetValue(replications), result.GetValue(simulationSeed), output, result.GetValue(sweep), result.GetValue(growth), ct);
});

var fhirPath = new Argument<string>("path") { Description = "A FHIR file (JSON or XML) or a folder of them." };
var fhirImport = new Command("import", "Create the referrals in FHIR files: transaction Bundles (Patient + ServiceRequest) or ServiceRequests for known patients.")
{
    fhirPath, database, provider,
};
fhirImport.SetAction((result, ct) => FhirCommand.Import(result.GetValue(provider)!, result.GetValue(database), result.GetValue(fhirPath)!, ct));
var person = new Option<string>("--person") { Description = "The person's NHS number.", Required = true };
var fhirOut = new Option<string?>("--out") { Description = "The file to write. Default: the console." };
var xml = new Option<bool>("--xml") { Description = "XML instead of JSON." };
var fhirExport = new Command("export", "Everything held about one person as a FHIR collection Bundle (Patient, ServiceRequests, EpisodesOfCare).")
{
    person, fhirOut, xml, database, provider,
};
fhirExport.SetAction((result, ct) => FhirCommand.Export(result.GetValue(provider)!, result.GetValue(database), result.GetValue(person)!,
    result.GetValue(fhirOut), result.GetValue(xml), ct));
var fhir = new Command("fhir", "FHIR R4 (UK Core): import referrals, export a person's records.") { fhirImport, fhirExport };

var auditSeal = new Command("seal", "Seal new audit rows into the hash chain (the web app does it every few seconds).") { database, provider };
auditSeal.SetAction((result, ct) => AuditCommand.Seal(result.GetValue(provider)!, result.GetValue(database), ct));
var auditVerify = new Command("verify", "Check the audit trail's hash chain: a changed, deleted or forged row is reported (exit 1).") { database, provider };
auditVerify.SetAction((result, ct) => AuditCommand.Verify(result.GetValue(provider)!, result.GetValue(database), ct));
var audit = new Command("audit", "The audit trail's hash chain.") { auditSeal, auditVerify };
var retention = new Command("retention", "Apply the retention schedule once (the web app does it every hour) and say what it did; each rule that did something is audited.") { database, provider };
retention.SetAction((result, ct) => RetentionCommand.Apply(result.GetValue(provider)!, result.GetValue(database), ct));

var backupOut = new Option<string>("--out") { Description = "The backup file to write (a new file).", Required = true };
var backup = new Command("backup", "Back up the database (SQLite: the online backup API; PostgreSQL: pg_dump), while the app runs.") { backupOut, database, provider };
backup.SetAction((result, ct) => BackupCommand.Backup(result.GetValue(provider)!, result.GetValue(database), result.GetValue(backupOut)!, ct));
var backupFile = new Argument<string>("file") { Description = "A backup made by homeward backup." };
var restore = new Command("restore", "Restore a backup into a new, empty database (never over data).") { backupFile, database, provider };
restore.SetAction((result, ct) => BackupCommand.Restore(result.GetValue(provider)!, result.GetValue(database), result.GetValue(backupFile)!, ct));

var subjectPerson = new Option<string>("--person") { Description = "The person's NHS number.", Required = true };
var subjectOut = new Option<string?>("--out") { Description = "The file to write. Default: the console." };
var subjectAccess = new Command("subject-access", "Everything held about one person (every record type) and who has looked at their record, as JSON.")
{
    subjectPerson, subjectOut, database, provider,
};
subjectAccess.SetAction((result, ct) => SubjectAccessCommand.Run(result.GetValue(provider)!, result.GetValue(database), result.GetValue(subjectPerson)!,
    result.GetValue(subjectOut), ct));

var postcodeFile = new Argument<string>("file") { Description = "The ONS Postcode Directory or NSPL CSV (columns pcds, lat, long; others ignored)." };
var postcodesImport = new Command("import", "Load a postcode directory, so that people's homes are on the map for visit rounds; places everyone not yet placed.")
{
    postcodeFile, database, provider,
};
postcodesImport.SetAction((result, ct) => PostcodesCommand.Import(result.GetValue(provider)!, result.GetValue(database), result.GetValue(postcodeFile)!, ct));
var postcodes = new Command("postcodes", "The postcode directory that puts people's homes on the map.") { postcodesImport };

var roadsFile = new Argument<string>("file") { Description = "An OpenStreetMap extract of the partnership's area as .osm XML (convert a .pbf with osmium cat)." };
var roadsImport = new Command("import", "Load the road network into the partnership's PostgreSQL (osm2pgrouting, pgRouting), so rotas use driving times; replaces the last.")
{
    roadsFile, database, provider,
};
roadsImport.SetAction((result, ct) => RoadsCommand.Import(result.GetValue(provider)!, result.GetValue(database), result.GetValue(roadsFile)!, ct));
var roads = new Command("roads", "The road network rotas route on.") { roadsImport };

var baseUrl = new Option<string?>("--base-url") { Description = "The partnership's Homeward address (https://homeward.example.nhs.uk), to print whole links." };
var adminUser = new Option<string>("--user-name") { Description = "Their sign-in: their work e-mail address.", Required = true };
var adminName = new Option<string>("--name") { Description = "Their name as shown.", Required = true };
var adminOrganisation = new Option<string>("--organisation") { Description = "Their organisation's ODS code (added if not yet a member, with --organisation-name).", Required = true };
var adminOrganisationName = new Option<string?>("--organisation-name") { Description = "The organisation's name, when it is not yet a member." };
var adminOrganisationKind = new Option<string?>("--organisation-kind") { Description = "Council (the default), CommunityTrust, AcuteTrust, IntegratedCareBoard, …" };
var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read their password from standard input; without it, print a link for them to choose one." };
var createAdmin = new Command("create-admin", "Make the first system administrator of a new partnership (only while there is none).")
{
    adminUser, adminName, adminOrganisation, adminOrganisationName, adminOrganisationKind, passwordStdin, baseUrl, database, provider,
};
createAdmin.SetAction(async (result, ct) =>
{
    var password = result.GetValue(passwordStdin) ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') : null;
    return await AdminCommand.CreateAdmin(result.GetValue(provider)!, result.GetValue(database), new Homeward.Administration.CreateFirstAdministrator.Input(
        result.GetValue(adminUser), result.GetValue(adminName), result.GetValue(adminOrganisation), result.GetValue(adminOrganisationName),
        result.GetValue(adminOrganisationKind), password), result.GetValue(baseUrl), ct);
});
var resetUser = new Option<string>("--user-name") { Description = "The user's sign-in.", Required = true };
var resetPassword = new Command("reset-password", "Give a user a link to choose a new password (their old one stops working).") { resetUser, baseUrl, database, provider };
resetPassword.SetAction((result, ct) => AdminCommand.ResetPassword(result.GetValue(provider)!, result.GetValue(database), result.GetValue(resetUser)!, result.GetValue(baseUrl), ct));
var admin = new Command("admin", "Administer accounts from the command line: the first administrator, password resets.") { createAdmin, resetPassword };

var partnershipFile = new Option<string>("--partnership") { Description = "The partnership's set-up file (YAML; see docs/going-live.md).", Required = true };
var checkOnly = new Option<bool>("--check") { Description = "Check the file and say what would change, changing nothing." };
var setup = new Command("setup", "Apply a partnership set-up file: organisations, hospitals, localities, services, users. Idempotent; all or nothing.")
{
    partnershipFile, checkOnly, baseUrl, database, provider,
};
setup.SetAction((result, ct) => AdminCommand.Setup(result.GetValue(provider)!, result.GetValue(database), result.GetValue(partnershipFile)!, result.GetValue(checkOnly),
    result.GetValue(baseUrl), ct));

var root = new RootCommand("homeward: command-line tools for the Homeward intermediate care system.")
{
    demo, returns, simulate, fhir, audit, retention, backup, restore, subjectAccess, postcodes, roads, admin, setup,
};
return await root.Parse(args).InvokeAsync();

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
