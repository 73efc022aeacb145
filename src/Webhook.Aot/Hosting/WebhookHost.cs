using System.Diagnostics.Metrics;
using System.Reflection;
using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhook.Admission;
using Webhook.Events;
using Webhook.Observability;
using Webhook.Sources;
using Webhook.Tls;

namespace Webhook.Hosting;

/// <summary>
/// Composes the server: slim builder, Kestrel on HTTPS only (HTTP/1.1 and HTTP/2, TLS 1.2+) with the certificate
/// the reloader currently holds, the admission and probe routes, the snapshot source, metrics, and a shutdown that
/// turns readiness off first and then drains requests in flight.
/// </summary>
public static class WebhookHost
{
    /// <summary>ASP.NET Core's per-request log category (request started and finished, at Information and Debug).</summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static async Task<int> RunAsync(ServeOptions options, ISnapshotSourceFactory sources, CancellationToken cancellationToken = default)
    {
        var builder = CreateBuilder();
        var console = new ConsoleLogProvider(new LogLineFormatter(options.LogFormat));
        LogOutput.Configure(builder.Logging, console, options.LogLevel);
        ConnectionTeardownLogs.Apply(builder.Logging, options.LogLevel, options.ExtraLogProvider);
        if (options.LogLevel >= LogLevel.Information)
        {
            // ASP.NET Core logs four lines per request at Information; at admission rates that costs a third of the
            // throughput (docs/performance.md). Our own request logs are at Debug.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

            // Hosting starts an Activity for every request whenever this logger is enabled at all, for the trace ids
            // of its per-request lines, which it writes at Information and below. Off, it starts none: the spans the
            // webhook exports are its own (AdmissionSpan), Kestrel's errors have a category of their own, and a
            // pipeline that fails to build still ends the start with its exception.
            builder.Logging.AddFilter(HostingDiagnosticsCategory, LogLevel.None);
        }
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        var store = new SnapshotStore();
        // The pieces started before the host is built log to the same console without a service container of their own.
        var loggerFactory = new LoggerFactory([console], new LoggerFilterOptions { MinLevel = options.LogLevel });
        var certificates = new CertificateReloader(options.CertDir, loggerFactory.CreateLogger<CertificateReloader>());
        certificates.Start(options.CertificatePollInterval, ServiceNames());
        var source = sources.Create(options, loggerFactory);
        var eventStatistics = new EventStatistics();
        await using var events = EventPipelineFactory.Create(options, eventStatistics, loggerFactory.CreateLogger<EventPipeline>(), Environment.GetEnvironmentVariable);
        using var metrics = new WebhookMetrics(
            () => store.PublishedAt,
            () => store.Current.Count,
            () => sources.WatchRestarts,
            events is null ? null : eventStatistics,
            () => certificates.Current is { } certificate ? new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) : null);

        // The slim builder leaves configuration-driven HTTPS out; HTTPS is set up here in code, with a selector so
        // a reloaded certificate is used by the next handshake without a restart.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            KestrelLimits.Apply(kestrel.Limits);
            void Https(ListenOptions listen)
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ServerCertificateSelector = (_, _) => certificates.Current,
                });
            }

            if (options.ListenAddress is { } address)
            {
                kestrel.Listen(address, options.Port, Https);
            }
            else
            {
                kestrel.ListenAnyIP(options.Port, Https);
            }
        });

        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(options.Settings);
        builder.Services.AddSingleton(options.Images);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(services => new MutateEndpoint(store, options.Settings, metrics, services.GetRequiredService<ILogger<MutateEndpoint>>(), events?.Recorder));
        builder.Services.AddSingleton<ValidateEndpoint>();
        builder.Services.AddHostedService(_ => new DrainDelay(options.DrainDelay));

        await using var app = builder.Build();
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, options.Telemetry, Version(), app.Services.GetRequiredService<IMeterFactory>());
        var stopping = false;
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("otel-webhook");
        lifetime.ApplicationStopping.Register(() =>
        {
            Volatile.Write(ref stopping, true);
            Log.ShuttingDown(log, options.ShutdownTimeout);
        });

        app.Use(AbandonedRequests.Middleware(log));
        var mutate = app.Services.GetRequiredService<MutateEndpoint>();
        var validate = app.Services.GetRequiredService<ValidateEndpoint>();
        var routes = new RouteTable(
            (HttpMethods.Post, MutateEndpoint.Path, InFlightRequests.Counted(metrics, MutateEndpoint.Path, mutate.HandleAsync)),
            (HttpMethods.Post, ValidateEndpoint.Path, InFlightRequests.Counted(metrics, ValidateEndpoint.Path, validate.HandleAsync)),
            (HttpMethods.Get, "/healthz", context => context.Response.WriteAsync("ok\n")),
            (HttpMethods.Get, "/readyz", context => Readiness(context, store, certificates, Volatile.Read(ref stopping), source.Name)),
            (HttpMethods.Get, "/metrics", context =>
            {
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                return context.Response.WriteAsync(telemetry.Prometheus.Render());
            }));
        app.Run(routes.Dispatch);

        using var sourceStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var sourceTask = RunSourceAsync(source, store, log, sourceStop.Token);
        Log.Started(log, Version(), options.Port, source.Name, options.CertDir);
        TelemetryLog.Started(log, options.Telemetry);
        // The host's own RunAsync: it stops on SIGTERM as before, and also when the caller cancels (tests run a host in-process).
        await HostingAbstractionsHostExtensions.RunAsync(app, cancellationToken);
        await sourceStop.CancelAsync();
        await sourceTask;
        certificates.Dispose();
        return 0;
    }

    /// <summary>
    /// The empty builder with Kestrel (the routes are a <see cref="RouteTable"/>, not ASP.NET Core's routing): no configuration sources (no appsettings.json, no ASPNETCORE_ or
    /// DOTNET_ variables, no host command line) and no logging providers but <see cref="LogOutput"/>'s. The webhook
    /// takes its settings from its own command line; what the slim builder adds beyond this (configuration providers,
    /// Kestrel's configuration loader, the console logger) only cost the binary's size budget.
    /// </summary>
    internal static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        return builder;
    }

    private static Task Readiness(HttpContext context, SnapshotStore store, CertificateReloader certificates, bool stopping, string source)
    {
        var problem = ReadinessProblem(store, certificates.Current is not null, stopping, source);
        context.Response.StatusCode = problem is null ? 200 : 503;
        return context.Response.WriteAsync(problem is null ? "ready\n" : "not ready: " + problem + "\n");
    }

    /// <summary>Why /readyz answers 503, or null when ready. A stopped source's snapshot only grows stale, so it is not ready either.</summary>
    internal static string? ReadinessProblem(SnapshotStore store, bool hasCertificate, bool stopping, string source) =>
        stopping ? "shutting down"
            : store.Stopped is { } stopped ? stopped
            : !store.IsLoaded ? "waiting for the first complete snapshot from " + source
            : !hasCertificate ? "no serving certificate" : null;

    /// <summary>Runs the source until cancelled; if it stops before that, the store is told, which turns readiness off.</summary>
    internal static async Task RunSourceAsync(ISnapshotSource source, SnapshotStore store, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            await source.RunAsync(store, cancellationToken);
            if (!cancellationToken.IsCancellationRequested)
            {
                Log.SourceFailed(log, null, source.Name, "it returned without being asked to");
                store.ReportStopped(source.Name + " stopped: it returned without being asked to");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.SourceFailed(log, e, source.Name, e.Message);
            store.ReportStopped(source.Name + " stopped: " + e.Message);
        }
    }

    /// <summary>The in-cluster names a self-signed certificate should cover, from the pod's namespace when known.</summary>
    private static IEnumerable<string> ServiceNames()
    {
        var ns = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } value ? value : WebhookService.DefaultNamespace;
        return WebhookService.DnsNames(ns);
    }

    public static string Version()
        => typeof(WebhookHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
