using Microsoft.Extensions.Logging;
using Webhook.Admission;
using Webhook.Injection;
using Webhook.Instrumentations;

namespace Webhook.Hosting;

/// <summary>Everything <c>otel-webhook serve</c> was told, parsed and checked before anything starts.</summary>
public sealed class ServeOptions
{
    public const int DefaultPort = 9443;
    public const string DefaultCertDir = "/tmp/k8s-webhook-server/serving-certs";

    /// <summary>The largest request body Kestrel accepts: the admission endpoints' own cap, <see cref="RequestBody.MaxBytes"/>.</summary>
    public const int MaxRequestBytes = RequestBody.MaxBytes;

    public int Port { get; init; } = DefaultPort;

    /// <summary>The one address to listen on; null listens on every interface (what a pod in the cluster needs).</summary>
    public System.Net.IPAddress? ListenAddress { get; init; }

    public string CertDir { get; init; } = DefaultCertDir;

    public string? InstrumentationsFolder { get; init; }

    public string? Kubeconfig { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long readiness is off before the listener closes after SIGTERM: a fifth of the shutdown timeout (2 s of
    /// the default 10 s), time for the endpoints to drop the pod; the rest is for requests in flight.
    /// </summary>
    public TimeSpan DrainDelay => ShutdownTimeout / 5;

    public TimeSpan CertificatePollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan DirectoryPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Admission warnings become Kubernetes Events (<c>--events</c>, on by default); off, the webhook only reads from the API server.</summary>
    public bool Events { get; init; } = true;

    public InjectionSettings Settings { get; init; } = InjectionSettings.Defaults;

    public ImageDefaults Images { get; init; } = ImageDefaults.FromTable;
}
