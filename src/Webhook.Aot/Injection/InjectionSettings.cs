namespace Webhook.Injection;

/// <summary>
/// The operator switches that shape injection: which languages are enabled and whether multi-instrumentation
/// is on. Defaults come from the injection table (Go and Nginx off, multi-instrumentation on). Also whether a pod
/// may take an Instrumentation from another namespace (allowed by default, as in the operator).
/// </summary>
public sealed class InjectionSettings
{
    /// <summary>The serve and inject option that allows (<c>allow</c>) or refuses (<c>deny</c>) Instrumentations of other namespaces.</summary>
    public const string CrossNamespaceFlag = "--cross-namespace-instrumentations";

    private readonly bool[] _enabled;

    public InjectionSettings(IReadOnlyDictionary<Language, bool>? enabled = null, bool? multiInstrumentation = null, bool allowCrossNamespace = true)
    {
        _enabled = new bool[InjectionTable.All.Length];
        foreach (var language in InjectionTable.All)
        {
            _enabled[(int)language.Language] = enabled is not null && enabled.TryGetValue(language.Language, out var on)
                ? on
                : language.Switch?.Default ?? true;
        }

        MultiInstrumentation = multiInstrumentation ?? InjectionTable.MultiInstrumentation.Default;
        AllowCrossNamespace = allowCrossNamespace;
    }

    public static InjectionSettings Defaults { get; } = new();

    public bool MultiInstrumentation { get; }

    /// <summary>False when a pod that names an Instrumentation of another namespace (<c>B/name</c>) goes without that language.</summary>
    public bool AllowCrossNamespace { get; }

    public bool IsEnabled(Language language) => _enabled[(int)language];
}
