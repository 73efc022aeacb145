using Webhook.Crd;

namespace Webhook.Injection.Selection;

/// <summary>A language the pod asked for, the Instrumentation that configures it, and its container names.</summary>
public sealed class SelectedLanguage(LanguageRule rule, Instrumentation instrumentation)
{
    public LanguageRule Rule { get; } = rule;

    public Instrumentation Instrumentation { get; } = instrumentation;

    /// <summary>Container names from the common annotation, then (multi-instrumentation) the language's own.</summary>
    public List<string> ContainerNames { get; } = new();
}
