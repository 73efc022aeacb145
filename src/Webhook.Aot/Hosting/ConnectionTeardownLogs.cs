using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Webhook.Observability;

namespace Webhook.Hosting;

/// <summary>
/// A log provider in front of the real one that turns Kestrel's Errors about a connection the client tore down into
/// one Debug line without a stack trace. Kestrel catches some of those failures itself, where no middleware sees them
/// (a response write to a reset TLS connection: "Unexpected exception in TimingPipeFlusher"), and logs each at Error:
/// under a slow-body attack, or with clients that reset connections mid-body, that is a stream of stack traces for
/// something handled as designed. Only failures of the connection itself qualify (an <see cref="IOException"/>,
/// <see cref="SocketException"/>, <see cref="ConnectionResetException"/> or <see cref="ConnectionAbortedException"/>
/// anywhere in the chain); every other Kestrel Error, e.g. an exception of the webhook's own, stays an Error.
/// </summary>
public sealed class ConnectionTeardownLogs(ILoggerProvider inner, LogLevel minimumLevel) : ILoggerProvider
{
    private const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";

    /// <summary>
    /// Puts the decorator in front of the console provider <see cref="LogOutput"/> registered, and of
    /// <paramref name="extra"/> when given (another destination for the same lines: tests record them).
    /// </summary>
    public static void Apply(ILoggingBuilder logging, LogLevel minimumLevel, ILoggerProvider? extra)
    {
        logging.Services.RemoveAll<ILoggerProvider>();
        logging.Services.AddSingleton<ILoggerProvider>(services => new ConnectionTeardownLogs(services.GetRequiredService<ConsoleLogProvider>(), minimumLevel));
        if (extra is not null)
        {
            logging.Services.AddSingleton<ILoggerProvider>(new ConnectionTeardownLogs(extra, minimumLevel));
        }
    }

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith(KestrelCategory, StringComparison.Ordinal) ? new KestrelLogger(logger, minimumLevel) : logger;
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Whether <paramref name="e"/> says the connection failed under the request rather than anything of the server's.</summary>
    public static bool IsTeardown(Exception? e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is IOException or SocketException or ConnectionResetException or ConnectionAbortedException)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class KestrelLogger(ILogger inner, LogLevel minimumLevel) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Error || !IsTeardown(exception))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            if (minimumLevel <= LogLevel.Debug)
            {
                RequestLog.ConnectionTornDown(inner, eventId.Id, formatter(state, exception), exception!.GetType().Name + ": " + exception.Message);
            }
        }
    }
}
