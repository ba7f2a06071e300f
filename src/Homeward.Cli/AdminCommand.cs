using Homeward.Access;
using Homeward.Administration;
using Homeward.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Homeward.Cli;

/// <summary>
/// <c>homeward admin create-admin</c> makes the first system administrator of a new partnership;
/// <c>homeward admin reset-password</c> gives any user a link to choose a new password (an administrator locked out);
/// <c>homeward setup --partnership FILE</c> applies a set-up file.
/// </summary>
internal static class AdminCommand
{
    public static async Task<int> CreateAdmin(string provider, string? connection, CreateFirstAdministrator.Input input, string? baseUrl, CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct, create: true);
        if (database is null)
            return 2;
        try
        {
            var created = await database.Services.GetRequiredService<CreateFirstAdministrator>().Handle(input, ct);
            if (created.OrganisationCreated)
                AnsiConsole.MarkupLineInterpolated($"[green]Added[/] the organisation {input.Organisation?.ToUpperInvariant()}.");
            AnsiConsole.MarkupLineInterpolated($"[green]Made[/] {created.User.DisplayName} ({created.User.UserName}) the system administrator.");
            if (created.Link is { } link)
                Console.WriteLine($"They choose their password at (valid for a day, once):\n  {Address(baseUrl)}{link.Path}");
            return 0;
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages)
                    Console.Error.WriteLine($"{Option(field)}: {message}");
            return 2;
        }
        catch (InvalidTransitionException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    public static async Task<int> ResetPassword(string provider, string? connection, string userName, string? baseUrl, CancellationToken ct)
    {
        await using var database = await CliDatabase.Open(provider, connection, ct);
        if (database is null)
            return 2;
        var normalised = userName.Trim().ToUpperInvariant();
        var user = await database.Db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == normalised, ct);
        if (user is null)
        {
            Console.Error.WriteLine($"No user signs in as {userName}.");
            return 2;
        }
        try
        {
            var link = await database.Services.GetRequiredService<Administration.ResetPassword>().Handle(user.Id, Actor.System(user.OrganisationId, "reset-password"), ct);
            AnsiConsole.MarkupLineInterpolated($"[green]Reset[/] {user.DisplayName}'s password.");
            Console.WriteLine($"They choose a new one at (valid for a day, once):\n  {Address(baseUrl)}{link.Path}");
            return 0;
        }
        catch (InvalidTransitionException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    public static async Task<int> Setup(string provider, string? connection, string file, bool check, string? baseUrl, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"No such file: {file}");
            return 2;
        }
        await using var database = await CliDatabase.Open(provider, connection, ct, create: true);
        if (database is null)
            return 2;
        using var reader = new StreamReader(file);
        var result = await database.Services.GetRequiredService<ApplySetupFile>().Handle(reader, Actor.System(Guid.Empty, "setup"), check, ct);
        if (result.Problems.Count > 0)
        {
            foreach (var problem in result.Problems)
                Console.Error.WriteLine($"{file}: {problem}");
            Console.Error.WriteLine($"{result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")}: nothing was applied.");
            return 1;
        }
        foreach (var line in result.Lines)
            AnsiConsole.MarkupLine($"  {Markup.Escape(line.What)} [bold]{Markup.Escape(line.Key)}[/]: [{(line.Said == "unchanged" ? "grey" : "green")}]{Markup.Escape(line.Said)}[/]");
        var changed = result.Lines.Count(l => l.Said != "unchanged");
        AnsiConsole.MarkupLineInterpolated($"{(check ? "Checked" : "Applied")}: {changed} of {result.Lines.Count} records {(check ? "would change" : "changed")}.");
        foreach (var invitation in result.Invitations)
            Console.WriteLine($"  {invitation.UserName} chooses a password at: {Address(baseUrl)}{invitation.Path}");
        return 0;
    }

    /// <summary>Links are printed whole with the plain console (never wrapped), after the partnership's address.</summary>
    private static string Address(string? baseUrl) => (baseUrl ?? "https://YOUR-HOMEWARD-ADDRESS").TrimEnd('/');

    private static string Option(string field) => field switch
    {
        "userName" => "--user-name",
        "displayName" => "--name",
        "organisation" => "--organisation",
        "name" => "--organisation-name",
        "kind" => "--organisation-kind",
        "odsCode" => "--organisation",
        _ => "--" + field,
    };
}
