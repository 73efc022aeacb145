using Webhook.Crd;
using Webhook.Injection.Env;
using Webhook.Injection.Table;

namespace Webhook.Injection.Selection;

/// <summary>A language the pod asked for, the Instrumentation that configures it, and its container names.</summary>
public sealed class SelectedLanguage
{
    public LanguageRule Rule { get; private set; } = null!;

    public Instrumentation Instrumentation { get; private set; } = null!;

    /// <summary>Container names from the common annotation, then (multi-instrumentation) the language's own.</summary>
    public ContainerNameList ContainerNames { get; } = new();

    /// <summary>The agent's mount path in the last target, by the target's name (kept from pod to pod: it depends on the name alone).</summary>
    public RememberedText MountPath { get; } = new();

    /// <summary>The agent's env entry naming the last target (<c>JAVA_TOOL_OPTIONS</c>), by the table's rule and the target's name (kept from pod to pod).</summary>
    public RememberedEntry ContainerNamedEnv { get; } = new();

    /// <summary>The decision's description for the last pod of one target, by Instrumentation and target name (kept from pod to pod).</summary>
    public RememberedText Description { get; } = new();

    public SelectedLanguage()
    {
    }

    public SelectedLanguage(LanguageRule rule, Instrumentation instrumentation) => Reset(rule, instrumentation);

    public void Reset(LanguageRule rule, Instrumentation instrumentation)
    {
        Rule = rule;
        Instrumentation = instrumentation;
        ContainerNames.Clear();
    }
}
