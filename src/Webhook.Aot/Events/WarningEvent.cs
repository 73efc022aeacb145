using Webhook.Injection;

namespace Webhook.Events;

/// <summary>
/// One admission warning waiting to become an Event: a value holding references to strings the admission already
/// had (immutable), so queueing it copies nothing.
/// </summary>
public readonly record struct WarningEvent(RegardingObject Regarding, WarningReason Reason, string Message, DateTime ObservedAt);
