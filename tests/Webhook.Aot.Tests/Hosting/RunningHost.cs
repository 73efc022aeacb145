using System.Net;
using System.Net.Sockets;
using System.Text;
using Webhook.Hosting;

namespace Webhook.Tests.Hosting;

/// <summary>
/// The real server (<see cref="WebhookHost"/>: routes, TLS with a self-signed certificate, the folder source) started
/// in-process on a free loopback port, with an HTTP/2 client that trusts the certificate it wrote.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly string _folder;
    private readonly Task<int> _run;

    private RunningHost(string folder, int port, CancellationTokenSource stop, Task<int> run)
    {
        _folder = folder;
        _stop = stop;
        Port = port;
        _run = run;
        Client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        {
            BaseAddress = new Uri("https://127.0.0.1:" + port),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>One Instrumentation, <c>demo/otel</c>, enough for a server to become ready.</summary>
    public const string DemoInstrumentation = """
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: otel, namespace: demo}
        spec:
          exporter: {endpoint: "http://collector:4318"}
        """;

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>The folder the server reads its serving certificate from (and wrote its self-signed one to).</summary>
    public string CertDir => Path.Combine(_folder, "certs");

    /// <summary>GET /metrics: the Prometheus text a scraper reads.</summary>
    public async Task<string> MetricsAsync()
    {
        using var response = await Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Starts the server on Instrumentations written to a fresh folder and waits until /readyz says 200. With
    /// <paramref name="logs"/>, the server logs at Debug and <paramref name="logs"/> gets every line too.
    /// </summary>
    public static async Task<RunningHost> StartAsync(string instrumentationsYaml, Microsoft.Extensions.Logging.ILoggerProvider? logs = null,
        Webhook.Observability.TelemetrySettings? telemetry = null)
    {
        var folder = Directory.CreateTempSubdirectory("otel-webhook-host-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "instrumentations"));
        await File.WriteAllTextAsync(Path.Combine(folder, "instrumentations", "instrumentation.yaml"), instrumentationsYaml);
        var port = FreePort();
        var options = new ServeOptions
        {
            Port = port,
            CertDir = Path.Combine(folder, "certs"),
            InstrumentationsFolder = Path.Combine(folder, "instrumentations"),
            LogLevel = logs is null ? Microsoft.Extensions.Logging.LogLevel.Warning : Microsoft.Extensions.Logging.LogLevel.Debug,
            ExtraLogProvider = logs,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            Telemetry = telemetry ?? Webhook.Observability.TelemetrySettings.None,
        };
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => WebhookHost.RunAsync(options, new SnapshotSourceFactory(), stop.Token));
        var host = new RunningHost(folder, port, stop, run);
        await host.WaitReadyAsync();
        return host;
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string body, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await Client.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Client.Dispose();
            _stop.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_run.IsCompleted)
            {
                throw new InvalidOperationException("the server stopped before it was ready: " + (_run.Exception?.ToString() ?? "exit code " + _run.Result));
            }

            try
            {
                using var response = await Client.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the server did not become ready within 60 s");
            }

            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
