using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Webhook.Tests.Sources;

/// <summary>Keeps every log entry, so tests can check what the sources told the operator.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => _entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception)));

    public bool Has(LogLevel level, int eventId, string containing) =>
        _entries.Any(e => e.Level == level && e.EventId == eventId && e.Message.Contains(containing, StringComparison.Ordinal));
}

internal sealed record LogEntry(LogLevel Level, int EventId, string Message);
