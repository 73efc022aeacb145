using Webhook.Crd;

namespace Webhook.Sources;

/// <summary>A cluster-wide collection the webhook lists and watches, and the type its objects carry.</summary>
internal sealed record WatchedResource(string Plural, string Path, string ApiVersion, string Kind)
{
    public static WatchedResource Instrumentations { get; } =
        new("instrumentations", "apis/opentelemetry.io/v1alpha1/instrumentations", Instrumentation.SchemaApiVersion, Instrumentation.SchemaKind);

    public static WatchedResource Namespaces { get; } = new("namespaces", "api/v1/namespaces", "v1", "Namespace");
}
