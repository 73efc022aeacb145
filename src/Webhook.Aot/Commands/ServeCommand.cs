using System.Globalization;
using Microsoft.Extensions.Logging;
using Webhook.Hosting;
using Webhook.Observability;

namespace Webhook.Commands;

/// <summary><c>otel-webhook serve</c>: the admission webhook over HTTPS (flags and defaults in docs and product contract §3).</summary>
public static class ServeCommand
{
    public const string Name = "serve";

    public static readonly CommandDefinition Definition = new(Name, "the admission webhook over HTTPS; the operator's flags apply as for inject",
    [
        CommandOption.Value("--instrumentations", "DIR", "read Instrumentations and Namespaces from a folder instead of the cluster"),
        CommandOption.Value("--kubeconfig", "FILE", "the kubeconfig to watch the cluster with, instead of the pod's service account"),
        CommandOption.Value("--listen-address", "ADDRESS", "the IP address to listen on", "every interface"),
        CommandOption.Value("--port", "PORT", "the HTTPS port", ServeOptions.DefaultPort.ToString(CultureInfo.InvariantCulture)),
        CommandOption.Value("--cert-dir", "DIR", "the folder holding tls.crt and tls.key, reloaded when they change", ServeOptions.DefaultCertDir),
        CommandOption.Value("--log-level", "LEVEL", "the least severe log lines written", "info", choices: ["debug", "info", "warn", "error"]),
        CommandOption.Value("--log-format", "FORMAT", "the shape of log lines", "json inside a pod, text elsewhere", choices: ["json", "text"]),
        CommandOption.Value("--shutdown-timeout", "DURATION", "how long requests in flight may finish after SIGTERM (10s, 1m, 500ms)", "10s"),
        CommandOption.Switch("--events", "record Kubernetes Events on the workloads of pods that asked for injection", defaultValue: true),
        .. OperatorFlags.All(),
    ], static (line, _, errors) => Run(line, errors))
    {
        Details = "The operator's ENABLE_* and RELATED_IMAGE_* environment variables apply when the flag is not given.",
    };

    public static int Run(CommandLine line, TextWriter errors)
    {
        var options = Parse(line, Environment.GetEnvironmentVariable, TelemetrySettings.FromEnvironment(Environment.GetEnvironmentVariables()));
        try
        {
            return WebhookHost.RunAsync(options, new SnapshotSourceFactory()).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e)
        {
            // Start-up problems the operator of the webhook can fix (certificate folder, source folder): say which and exit.
            errors.WriteLine("otel-webhook serve: " + e.Message);
            return 1;
        }
    }

    public static ServeOptions Parse(ReadOnlySpan<string> arguments, Func<string, string?> environment, TelemetrySettings? telemetry = null)
        => Parse(CommandLine.Parse(Definition, arguments), environment, telemetry);

    private static ServeOptions Parse(CommandLine line, Func<string, string?> environment, TelemetrySettings? telemetry)
    {
        var port = line.Value("--port") is { } portText ? ParsePort(portText) : ServeOptions.DefaultPort;
        return new ServeOptions
        {
            Port = port,
            ListenAddress = line.Value("--listen-address") is { } address ? ParseAddress(address) : null,
            CertDir = line.Value("--cert-dir") ?? ServeOptions.DefaultCertDir,
            InstrumentationsFolder = line.Value("--instrumentations"),
            Kubeconfig = line.Value("--kubeconfig"),
            LogLevel = line.Value("--log-level") is { } level ? ParseLevel(level) : LogLevel.Information,
            LogFormat = line.Value("--log-format") is { } format ? ParseFormat(format) : DefaultFormat(environment),
            Telemetry = telemetry ?? TelemetrySettings.None,
            ShutdownTimeout = line.Value("--shutdown-timeout") is { } timeout ? ParseDuration(timeout) : TimeSpan.FromSeconds(10),
            Settings = OperatorFlags.Settings(line, environment),
            Images = OperatorFlags.Images(line, environment),
            Events = line.Switch("--events", whenAbsent: true),
        };
    }

    private static int ParsePort(string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new UsageException("otel-webhook serve: --port " + text + " is not a port number (1-65535)");

    /// <summary>An IPv4 address in four dotted parts or an IPv6 address; IPAddress alone would also take "1" as 0.0.0.1.</summary>
    private static System.Net.IPAddress ParseAddress(string text)
        => (text.Contains(':') || text.Count(static c => c == '.') == 3) && System.Net.IPAddress.TryParse(text, out var address)
            ? address
            : throw new UsageException("otel-webhook serve: --listen-address " + text + " is not an IP address; use e.g. 127.0.0.1, ::1 or 0.0.0.0 (leave it out to listen on every interface)");

    private static LogLevel ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new UsageException("otel-webhook serve: --log-level " + text + " is not one of debug, info, warn, error"),
    };

    private static LogFormat ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "json" => LogFormat.Json,
        "text" => LogFormat.Text,
        _ => throw new UsageException("otel-webhook serve: --log-format " + text + " is not one of json, text"),
    };

    /// <summary>JSON inside a pod (the kubelet sets KUBERNETES_SERVICE_HOST in every container), text anywhere else.</summary>
    private static LogFormat DefaultFormat(Func<string, string?> environment)
        => string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST")) ? LogFormat.Text : LogFormat.Json;

    /// <summary>A duration as Kubernetes tools write it (<c>10s</c>, <c>1m</c>, <c>500ms</c>) or plain seconds.</summary>
    private static TimeSpan ParseDuration(string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? TimeSpan.FromSeconds(value * unit)
            : throw new UsageException("otel-webhook serve: --shutdown-timeout " + text + " is not a duration (e.g. 10s, 1m)");
    }
}
