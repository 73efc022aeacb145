namespace Webhook.Injection;

/// <summary>
/// The operator switches that shape injection: which languages are enabled and whether multi-instrumentation
/// is on. Defaults come from the injection table (Go and Nginx off, multi-instrumentation on).
/// </summary>
public sealed class InjectionSettings
{
    private readonly bool[] _enabled;

    public InjectionSettings(IReadOnlyDictionary<Language, bool>? enabled = null, bool? multiInstrumentation = null)
    {
        _enabled = new bool[InjectionTable.All.Length];
        foreach (var language in InjectionTable.All)
        {
            _enabled[(int)language.Language] = enabled is not null && enabled.TryGetValue(language.Language, out var on)
                ? on
                : language.Switch?.Default ?? true;
        }

        MultiInstrumentation = multiInstrumentation ?? InjectionTable.MultiInstrumentation.Default;
    }

    public static InjectionSettings Defaults { get; } = new();

    public bool MultiInstrumentation { get; }

    public bool IsEnabled(Language language) => _enabled[(int)language];
}
