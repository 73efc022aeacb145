using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Snapshot;

namespace Webhook.Injection;

/// <summary>Everything one pod's injection works with and on: inputs, the changes so far, warnings and the decisions for --explain.</summary>
public sealed class InjectionContext
{
    public InjectionContext(PodView pod, string ns, InstrumentationSnapshot snapshot, InjectionSettings settings)
    {
        Pod = pod;
        Namespace = ns;
        Snapshot = snapshot;
        Settings = settings;
        Changes = new PodChanges(pod);
    }

    public PodView Pod { get; }

    /// <summary>The namespace of the admission request (the pod's own metadata.namespace is often empty at admission).</summary>
    public string Namespace { get; }

    public InstrumentationSnapshot Snapshot { get; }

    public InjectionSettings Settings { get; }

    public PodChanges Changes { get; }

    public List<InjectionWarning> Warnings { get; } = new();

    public List<InjectionDecision> Decisions { get; } = new();

    public void Warn(WarningReason reason, string message) => Warnings.Add(new InjectionWarning(reason, message));

    public void Decide(string language, bool injected, string reason) => Decisions.Add(new InjectionDecision(language, injected, reason));

    /// <summary>Pod annotation over namespace annotation, by the operator's rule (shared spec §4.2).</summary>
    public string Effective(string key) => EffectiveValue.Of(Pod.Annotation(key), Snapshot.NamespaceAnnotation(Namespace, key));
}

/// <summary>One line of <c>inject --explain</c>: a language, whether it was injected, and why.</summary>
public sealed record InjectionDecision(string Language, bool Injected, string Reason);
