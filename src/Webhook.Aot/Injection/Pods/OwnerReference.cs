namespace Webhook.Injection.Pods;

/// <summary>An entry of <c>metadata.ownerReferences</c>.</summary>
public sealed record OwnerReference(string Kind, string Name, string Uid);
