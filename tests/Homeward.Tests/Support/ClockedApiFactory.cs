using Homeward.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Homeward.Tests.Support;

/// <summary>The real web app on a clock the test moves, for episodes that last weeks and follow-ups 91 days later.</summary>
public sealed class ClockedApiFactory : ApiFactory
{
    /// <summary>Monday 23 March 2026, 06:00 in London: the clocks go forward on the Sunday after.</summary>
    public static readonly DateTimeOffset Start = London.At(new DateOnly(2026, 3, 23), new TimeOnly(6, 0));

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Moves the clock to a London date and time (never backwards).</summary>
    public void SetLondon(DateOnly date, TimeOnly time)
    {
        var to = London.At(date, time);
        if (to < Clock.GetUtcNow())
            throw new InvalidOperationException($"The clock only moves forwards (now {Clock.GetUtcNow():O}, asked for {to:O}).");
        Clock.SetUtcNow(to);
        ForgetTokens();
    }
}
