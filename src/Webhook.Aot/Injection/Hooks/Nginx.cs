using Webhook.Injection.Selection;

namespace Webhook.Injection.Hooks;

/// <summary>Injection the table cannot express for this language.</summary>
public static class NginxHook
{
    public static void Inject(InjectionContext context, SelectedLanguage selected)
    {
        context.Warn(WarningReason.InternalError, "metadata.annotations[" + Selection.InstrumentationSelector.ShortKey(selected.Rule.InjectAnnotation)
            + "]: " + selected.Rule.DisplayName + " injection is not available in this build yet; pod admitted without it");
        context.Decide(selected.Rule.Name, false, "not available in this build yet");
    }
}
