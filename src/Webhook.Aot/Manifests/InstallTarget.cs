using Webhook.Admission;
using Webhook.Hosting;

namespace Webhook.Manifests;

/// <summary>
/// Where the bundle installs otel-webhook, and the names its documents share: each document takes its names from
/// here, so the Service, the webhooks, the RBAC binding and the certificate always point at one another.
/// </summary>
public sealed record InstallTarget(string Namespace, string Image)
{
    public const string DefaultNamespace = WebhookService.DefaultNamespace;
    public const string DefaultImageRepository = "ghcr.io/otel-webhook/otel-webhook";

    /// <summary>The name of every object of the bundle but the Namespace, the CRD and the TLS Secret.</summary>
    public const string Name = WebhookService.Name;

    public const string TlsSecretName = "otel-webhook-tls";
    public const string ContainerName = "webhook";
    public const string AppLabel = "app.kubernetes.io/name";
    public const int ServicePort = 443;
    public const int ContainerPort = ServeOptions.DefaultPort;
    public const string CertDir = ServeOptions.DefaultCertDir;
    public const string MutatePodPath = MutateEndpoint.Path;
    public const string ValidateInstrumentationPath = ValidateEndpoint.Path;

    /// <summary>Whether the webhook lets a pod take an Instrumentation of another namespace (serve's --cross-namespace-instrumentations).</summary>
    public bool AllowCrossNamespace { get; init; } = true;

    /// <summary>Admission warnings become Events (<c>manifests --events</c>); off, the RBAC rule for them and the server's Events go.</summary>
    public bool Events { get; init; } = true;

    /// <summary>The operator's switches to pass to serve, as given to <c>manifests</c>: <c>--enable-go-instrumentation=true</c>.</summary>
    public IReadOnlyList<string> Switches { get; init; } = [];

    /// <summary>The host name the API server calls a webhook Service by.</summary>
    public string ServiceHost => WebhookService.Host(Namespace);

    /// <summary>Every name a client inside the cluster may use for the Service.</summary>
    public IReadOnlyList<string> ServiceDnsNames => WebhookService.DnsNames(Namespace);

    /// <summary>The cert-manager Certificate whose CA its injector copies into the webhook configurations.</summary>
    public string CertificateReference => Namespace + "/" + Name;
}
