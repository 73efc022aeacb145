using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Webhook.Observability;

/// <summary>
/// Writes each log entry to standard output as one <see cref="LogLineFormatter"/> line, on the caller's thread.
/// In place of Microsoft.Extensions.Logging.Console, whose provider, options binding and queue thread cost the binary's
/// size budget about 60 KiB for what one formatter already does here. A line is formatted first and written whole,
/// so lines from several threads never interleave; like that provider's full queue, a blocked stdout blocks the writer.
/// </summary>
public sealed class ConsoleLogProvider(LogLineFormatter formatter, TextWriter output) : ILoggerProvider
{
    [ThreadStatic]
    private static StringWriter? t_line;

    public ConsoleLogProvider(LogLineFormatter formatter)
        : this(formatter, Console.Out)
    {
    }

    public ILogger CreateLogger(string categoryName) => new ConsoleLog(this, categoryName);

    public void Dispose()
    {
    }

    private void Write<TState>(in LogEntry<TState> entry)
    {
        var line = t_line ??= new StringWriter();
        formatter.Write(in entry, line);
        var text = line.GetStringBuilder();
        if (text.Length > 0)
        {
            // Console.Out is synchronized; a writer given by a caller is locked here the same way.
            lock (output)
            {
                output.Write(text);
                output.Flush();
            }
        }

        text.Clear();
        if (text.Capacity > 16 * 1024)
        {
            // A long exception line would otherwise keep its buffer for the thread's lifetime.
            t_line = null;
        }
    }

    private sealed class ConsoleLog(ConsoleLogProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The LoggerFactory's filters decide the levels; this only refuses None, as the console logger does.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
            }
        }
    }
}
