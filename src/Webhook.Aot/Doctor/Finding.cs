namespace Webhook.Doctor;

/// <summary>Why one workload's pods lack one language's injection, and what to do about it.</summary>
internal sealed record Finding(string Code, string Namespace, string Kind, string Name, string Language, string Message, string Fix)
{
    public const string InstrumentationMissing = "instrumentation-missing";
    public const string InstrumentationAmbiguous = "instrumentation-ambiguous";
    public const string CreatedBeforeInstrumentation = "created-before-instrumentation";
    public const string InstrumentationChanged = "instrumentation-changed";
    public const string AnnotationMisplaced = "annotation-misplaced";
    public const string LanguageDisabled = "language-disabled";
    public const string WebhookUnavailable = "webhook-unavailable";
    public const string NotInjected = "not-injected";

    /// <summary>For <see cref="NotInjected"/>: the objects whose Events from the webhook explain it (pods and their owners), by name.</summary>
    public IReadOnlyList<string> EventSubjects { get; init; } = [];
}
