using Webhook.Injection;

namespace Webhook.Events;

/// <summary>
/// The one table from warning reason to Event reason (docs/diagnostics.md lists it). Event reasons are part of the
/// interface (<c>kubectl get events --field-selector reason=…</c>, alerts), so each is written out rather than
/// derived from the enum name, and renaming a <see cref="WarningReason"/> never changes one.
/// </summary>
public static class EventReasons
{
    public const string Action = "Inject";
    public const string ReportingController = "opentelemetry.io/otel-webhook";
    public const string WarningType = "Warning";

    public static string Of(WarningReason reason) => reason switch
    {
        WarningReason.NoInstrumentation => "NoInstrumentation",
        WarningReason.AmbiguousInstrumentation => "AmbiguousInstrumentation",
        WarningReason.InstrumentationNotFound => "InstrumentationNotFound",
        WarningReason.CrossNamespaceInstrumentation => "CrossNamespaceInstrumentation",

        // The OpenTelemetry Operator's reason for a language switched off, kept so its event queries still work.
        WarningReason.LanguageDisabled => "InstrumentationRequestRejected",
        WarningReason.InvalidContainerNames => "InvalidContainerNames",
        WarningReason.MultiInstrumentationConfig => "InvalidMultiInstrumentation",
        WarningReason.ContainerNotFound => "ContainerNotFound",
        WarningReason.ContainerSkipped => "ContainerSkipped",
        WarningReason.UnsupportedPlatform => "UnsupportedPlatform",
        WarningReason.GoSkipped => "GoNotInjected",
        WarningReason.PrivilegedSidecar => "PrivilegedSidecar",
        WarningReason.ResourceAttributesValueFrom => "ResourceAttributesValueFrom",
        WarningReason.WebServerConflict => "WebServerConflict",
        WarningReason.WebServerFirstContainerOnly => "WebServerFirstContainerOnly",
        WarningReason.AlreadyInstrumented => "AlreadyInstrumented",
        WarningReason.NoContainers => "NoContainers",
        WarningReason.MalformedPod => "MalformedPod",
        WarningReason.MoreWarnings => "MoreWarnings",
        WarningReason.InternalError => "InjectionFailed",

        // A reason added without a row here still gets an Event; EventReasonsTests fails until the row is written.
        _ => reason.ToString(),
    };
}
