namespace Webhook.Hosting;

/// <summary>
/// The Service the API server calls the webhook through: the install bundle creates it under these names, and a
/// self-signed certificate the server writes covers them.
/// </summary>
public static class WebhookService
{
    public const string Name = "otel-webhook";

    /// <summary>The namespace the bundle installs into unless told otherwise.</summary>
    public const string DefaultNamespace = "opentelemetry-webhook";

    /// <summary>The host name the API server calls a webhook Service by.</summary>
    public static string Host(string ns) => Name + "." + ns + ".svc";

    /// <summary>Every name a client inside the cluster may use for the Service.</summary>
    public static IReadOnlyList<string> DnsNames(string ns) => [Name, Name + "." + ns, Host(ns), Host(ns) + ".cluster.local"];
}
