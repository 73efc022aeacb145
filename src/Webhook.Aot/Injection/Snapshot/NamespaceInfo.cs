namespace Webhook.Injection.Snapshot;

/// <summary>A namespace as injection needs it: its name and annotations (namespace-level inject settings).</summary>
public sealed record NamespaceInfo(string Name, IReadOnlyDictionary<string, string> Annotations);
