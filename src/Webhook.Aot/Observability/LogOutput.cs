using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Webhook.Observability;

/// <summary>Sends log lines to the console in the chosen <see cref="LogFormat"/>, each with its UTC time.</summary>
public static class LogOutput
{
    public static ILoggingBuilder Configure(ILoggingBuilder logging, ConsoleLogProvider console, LogLevel level)
    {
        logging.ClearProviders();
        logging.Services.TryAddSingleton(console);
        logging.Services.AddSingleton<ILoggerProvider>(services => services.GetRequiredService<ConsoleLogProvider>());
        return logging.SetMinimumLevel(level);
    }
}
