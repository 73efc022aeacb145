using Microsoft.Extensions.Logging;
using Webhook.Observability;

namespace Webhook.Tests.Observability;

/// <summary>The console provider writes each entry the factory lets through as one whole line of its formatter.</summary>
public sealed class ConsoleLogProviderTests
{
    private static readonly DateTimeOffset s_time = new(2026, 3, 4, 5, 6, 7, 89, TimeSpan.Zero);

    [Fact]
    public void Log_WritesTheFormattersLine_AndNothingBelowTheFactorysLevel()
    {
        var output = new StringWriter();
        using var factory = Factory(output, LogLevel.Information);
        var log = factory.CreateLogger("otel-webhook");

        log.LogDebug(new EventId(7), "not written");
        log.LogInformation(new EventId(1201), "listening on port {Port}", 9443);

        Assert.Equal("2026-03-04T05:06:07.089Z info  otel-webhook[1201] listening on port 9443\n", output.ToString());
    }

    [Fact]
    public void Log_FromManyThreads_KeepsEveryLineWhole()
    {
        var output = new StringWriter();
        using var factory = Factory(output, LogLevel.Information);
        var log = factory.CreateLogger("otel-webhook");
        var text = new string('x', 3000);

        Parallel.For(0, 200, i => log.LogWarning(new EventId(i), "{Text}", text));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(200, lines.Length);
        Assert.All(lines, line => Assert.EndsWith("] " + text, line, StringComparison.Ordinal));
    }

    private static ILoggerFactory Factory(TextWriter output, LogLevel level)
    {
        var provider = new ConsoleLogProvider(new LogLineFormatter(LogFormat.Text) { Clock = () => s_time }, output);
        return new LoggerFactory([provider], new LoggerFilterOptions { MinLevel = level });
    }
}
