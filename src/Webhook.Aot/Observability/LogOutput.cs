using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Webhook.Observability;

/// <summary>Sends log lines to the console in the chosen <see cref="LogFormat"/>, each with its UTC time.</summary>
public static class LogOutput
{
    public static ILoggingBuilder Configure(ILoggingBuilder logging, LogFormat format, LogLevel level)
    {
        var formatter = new LogLineFormatter(format);
        logging.ClearProviders();
        logging.AddConsole(console => console.FormatterName = formatter.Name);
        // Registered as an instance, not with AddConsoleFormatter: that one binds options from configuration by reflection.
        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter>(formatter));
        return logging.SetMinimumLevel(level);
    }
}
