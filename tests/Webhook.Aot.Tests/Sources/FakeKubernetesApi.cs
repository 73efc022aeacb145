using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Webhook.Tests.Sources;

/// <summary>
/// A Kubernetes API server on 127.0.0.1 that serves the two collections the webhook watches: lists (paged) and
/// chunked watch streams replayed from a resourceVersion; and the Events it writes. Tests change objects and script faults through
/// <see cref="Instrumentations"/> and <see cref="Namespaces"/>.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, FakeCollection> _resources = new(StringComparer.Ordinal);
    private long _resourceVersion = 100;

    private FakeKubernetesApi(WebApplication app)
    {
        _app = app;
        Instrumentations = new FakeCollection(this, "opentelemetry.io/v1alpha1", "InstrumentationList", itemsCarryType: true);

        // Typed lists of built-in kinds leave apiVersion and kind out of their items; the real server does too.
        Namespaces = new FakeCollection(this, "v1", "NamespaceList", itemsCarryType: false);
    }

    public FakeCollection Instrumentations { get; }

    public FakeCollection Namespaces { get; }

    /// <summary>events.k8s.io/v1 Events: created with POST, their series patched.</summary>
    public FakeEvents Events { get; } = new();

    /// <summary>
    /// Another collection, served at <c>/{groupVersionPath}/{plural}</c> and, per namespace, at
    /// <c>/{groupVersionPath}/namespaces/{ns}/{plural}</c>: <c>Resource("apis/apps/v1", "deployments", "DeploymentList")</c>.
    /// </summary>
    public FakeCollection Resource(string groupVersionPath, string plural, string listKind)
    {
        lock (_resources)
        {
            var key = groupVersionPath + "/" + plural;
            if (!_resources.TryGetValue(key, out var collection))
            {
                var apiVersion = groupVersionPath.StartsWith("apis/", StringComparison.Ordinal) ? groupVersionPath["apis/".Length..] : groupVersionPath["api/".Length..];
                _resources[key] = collection = new FakeCollection(this, apiVersion, listKind, itemsCarryType: false);
            }

            return collection;
        }
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Plain HTTP; with <paramref name="serverCertificate"/>, HTTPS (HTTP/2 offered) that records any
    /// client certificate offered without judging it.</summary>
    public static async Task<FakeKubernetesApi> StartAsync(X509Certificate2? serverCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (serverCertificate is not null)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = serverCertificate;
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.ClientCertificateValidation = (_, _, _) => true;
                });
            }
        }));
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var api = new FakeKubernetesApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.BaseUri = new Uri(address + "/");
        return api;
    }

    /// <summary>Like etcd's revision: one counter for every collection.</summary>
    internal long NextResourceVersion() => Interlocked.Increment(ref _resourceVersion);

    internal long CurrentResourceVersion => Interlocked.Read(ref _resourceVersion);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private Task HandleAsync(HttpContext context)
    {
        // Events the webhook writes go to the recorder; lists of Events (what doctor reads) are an ordinary collection.
        if (context.Request.Path.StartsWithSegments(FakeEvents.PathPrefix) && !HttpMethods.IsGet(context.Request.Method))
        {
            return Events.HandleAsync(context, _stopping.Token);
        }

        var collection = context.Request.Path.Value switch
        {
            "/apis/opentelemetry.io/v1alpha1/instrumentations" => Instrumentations,
            "/api/v1/namespaces" => Namespaces,
            _ => null,
        };
        if (collection is not null)
        {
            return collection.HandleAsync(context, _stopping.Token);
        }

        var (resource, ns) = ResourceOf(context.Request.Path.Value ?? "");
        if (resource is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return resource.HandleAsync(context, _stopping.Token, ns);
    }

    /// <summary>The collection <see cref="Resource"/> registered for a path, and the namespace the path names, if any.</summary>
    private (FakeCollection? Collection, string? Namespace) ResourceOf(string path)
    {
        var segments = path.Trim('/').Split('/');
        lock (_resources)
        {
            if (segments.Length >= 4 && segments[^3] == "namespaces"
                && _resources.TryGetValue(string.Join('/', segments[..^3]) + "/" + segments[^1], out var namespaced))
            {
                return (namespaced, segments[^2]);
            }

            return (_resources.GetValueOrDefault(string.Join('/', segments)), null);
        }
    }
}
