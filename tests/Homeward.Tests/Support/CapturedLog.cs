using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Homeward.Tests.Support;

/// <summary>What the app logged, kept to look at (add it with ConfigureLogging).</summary>
public sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Text)> Entries { get; } = new();

    public IEnumerable<(LogLevel Level, string Text)> Lines => Entries.Select(e => (e.Level, e.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
