using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Webhook.Tests.Support;

/// <summary>A log provider that keeps every line it is given, for tests that assert on a server's log.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    /// <summary>The first line that matches, waiting up to <paramref name="patience"/> for it.</summary>
    public async Task<LogLine> WaitForAsync(Func<LogLine, bool> match, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            Assert.True(DateTime.UtcNow < deadline, "no such log line within " + patience + "; got: " + string.Join(" | ", _lines.Select(l => l.Level + " " + l.EventId + " " + l.Message)));
            await Task.Delay(20);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner._lines.Enqueue(new LogLine(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}

public sealed record LogLine(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
