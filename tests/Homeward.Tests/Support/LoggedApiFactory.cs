using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Homeward.Tests.Support;

/// <summary>The app with the database's commands logged, for tests about how many queries something asks.</summary>
public class LoggedApiFactory : ApiFactory
{
    public CapturedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        builder.ConfigureLogging(l => l.AddProvider(Log));
    }

    /// <summary>The database commands logged so far; <paramref name="clear"/> starts counting again.</summary>
    public List<string> Commands(bool clear = false)
    {
        var commands = Log.Entries.Where(e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command").Select(e => e.Text).ToList();
        if (clear)
            Log.Entries.Clear();
        return commands;
    }
}
