namespace Webhook.Offline;

/// <summary>
/// What <c>validate</c> and <c>inject</c> report, one member per kind of finding. <see cref="FindingCodes"/> gives each
/// a stable code, a severity and the fix; the compiler refuses a member without them.
/// </summary>
public enum FindingKind
{
    InputUnreadable,
    NotAnInstrumentation,
    InstrumentationInvalid,
    InstrumentationWarning,
    InstrumentationSkipped,
    InstrumentationLoaded,
    NoInstrumentationFound,
    ExporterEndpoint,
    Placeholder,
    NamespaceUnnamed,
    ServiceNameElsewhere,
    CollectorNotRun,
    InstrumentationAfterWorkload,
    DocumentSkipped,
    DocumentError,
    AnnotationMisplaced,

    /// <summary>A warning of the injection engine, the one the webhook returns to the API server; its code comes from its reason.</summary>
    InjectionWarning,
    InjectionNote,
    OptedOut,
    NotRequested,
    Injected,
    NotInjected,
    AnnotationOverride,
    ContainersAdded,
    OwnerNote,
}
