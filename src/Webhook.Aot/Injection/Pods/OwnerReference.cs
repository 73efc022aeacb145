namespace Webhook.Injection.Pods;

/// <summary>An entry of <c>metadata.ownerReferences</c>.</summary>
public readonly record struct OwnerReference(string Kind, string Name, string Uid);
