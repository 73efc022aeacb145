namespace Webhook.Injection.Pods;

/// <summary>An entry of <c>metadata.ownerReferences</c>; <see cref="Controller"/> marks the one controller that manages the pod.</summary>
public readonly record struct OwnerReference(string Kind, string Name, string Uid, string ApiVersion = "", bool Controller = false);
