using Webhook.Injection.Snapshot;

namespace Webhook.Injection;

/// <summary>
/// A pod read in the envelope's pass (<see cref="InjectionWorkspace.ReadInPass"/>): which review, pod, namespace and
/// snapshot it was read for; whether it may ask for injection; why it could not be read (<see cref="Problem"/>, the
/// pod's fault) or the exception that stopped the reading (<see cref="Fault"/>, ours).
/// </summary>
public readonly record struct PodReadInPass(ReadOnlyMemory<byte> Review, int Start, Range Namespace, InstrumentationSnapshot Snapshot, bool Asks,
    string? Problem, Exception? Fault);
