using Webhook.Injection;

namespace Webhook.Offline;

/// <summary>
/// The stable codes of <c>-o json</c> (docs/findings.md lists them): scripts match on these, so a code never changes
/// once released; a new kind gets a new code. Each comes with its severity and what to do.
/// </summary>
public static class FindingCodes
{
    public static (string Code, FindingSeverity Severity, string Fix) Of(FindingKind kind) => kind switch
    {
        FindingKind.InputUnreadable => ("input-unreadable", FindingSeverity.Error, "fix the file at the line named, or name a regular file under the size cap"),
        FindingKind.NotAnInstrumentation => ("not-an-instrumentation", FindingSeverity.Info, "none: validate reads only kind: Instrumentation"),
        FindingKind.InstrumentationInvalid => ("instrumentation-invalid", FindingSeverity.Error, "correct the field as the message says; the resource is not used until then"),
        FindingKind.InstrumentationWarning => ("instrumentation-warning", FindingSeverity.Warning, "change the field as the message says; the resource is used as it is"),
        FindingKind.InstrumentationSkipped => ("instrumentation-skipped", FindingSeverity.Error, "fix the invalid Instrumentations reported before and run again"),
        FindingKind.InstrumentationLoaded => ("instrumentation-loaded", FindingSeverity.Info, "none"),
        FindingKind.NoInstrumentationFound => ("no-instrumentation-found", FindingSeverity.Error, "give a file with kind: Instrumentation documents"),
        FindingKind.ExporterEndpoint => ("exporter-endpoint", FindingSeverity.Note, "point spec.exporter.endpoint at the collector's OTLP/HTTP port, 4318"),
        FindingKind.Placeholder => ("placeholder-value", FindingSeverity.Note, "replace the value copied from documentation with the real one"),
        FindingKind.NamespaceUnnamed => ("namespace-unnamed", FindingSeverity.Warning, "give the Namespace a metadata.name"),
        FindingKind.ServiceNameElsewhere => ("service-in-other-namespace", FindingSeverity.Note, "write the endpoint's host as NAME.NAMESPACE so the pods' namespace does not matter"),
        FindingKind.CollectorNotRun => ("collector-not-run", FindingSeverity.Warning, "apply a collector of your own: otel-webhook manifests --collector NAME prints one"),
        FindingKind.InstrumentationAfterWorkload => ("instrumentation-after-workload", FindingSeverity.Warning, "put the Instrumentation before the workloads, or apply it first"),
        FindingKind.DocumentSkipped => ("document-skipped", FindingSeverity.Info, "none: a document of an unknown apiVersion is passed through unchanged"),
        FindingKind.DocumentError => ("document-error", FindingSeverity.Error, "correct the document as the message says; it was written out unchanged"),
        FindingKind.AnnotationMisplaced => ("annotation-misplaced", FindingSeverity.Warning, "move the annotation to the pod template's metadata.annotations"),
        FindingKind.InjectionWarning => ("injection-warning", FindingSeverity.Warning, "act on the message; the pod is admitted with what could be injected"),
        FindingKind.InjectionNote => ("injection-note", FindingSeverity.Note, "act on the message if the pod should send telemetry"),
        FindingKind.OptedOut => ("opted-out", FindingSeverity.Info, "remove the pod's \"false\" inject annotation to take its namespace's value"),
        FindingKind.NotRequested => ("not-requested", FindingSeverity.Info, "add an instrumentation.opentelemetry.io/inject-LANGUAGE annotation to inject"),
        FindingKind.Injected => ("injected", FindingSeverity.Info, "none"),
        FindingKind.NotInjected => ("not-injected", FindingSeverity.Info, "act on the reason given"),
        FindingKind.AnnotationOverride => ("annotation-override", FindingSeverity.Info, "none: the pod's annotation wins, as intended"),
        FindingKind.ContainersAdded => ("containers-added", FindingSeverity.Info, "none: kubectl describe pod lists them"),
        FindingKind.OwnerNote => ("offline-owner", FindingSeverity.Note, "none: in the cluster the webhook sees the pod's real owner"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no finding code for this kind"),
    };

    /// <summary>
    /// The code of an engine warning, from its reason (the label of the warnings metric): written out, not derived from
    /// the member's name, so renaming a member cannot change a released code.
    /// </summary>
    public static string Of(WarningReason reason) => reason switch
    {
        WarningReason.NoInstrumentation => "injection-no-instrumentation",
        WarningReason.AmbiguousInstrumentation => "injection-ambiguous-instrumentation",
        WarningReason.InstrumentationNotFound => "injection-instrumentation-not-found",
        WarningReason.CrossNamespaceInstrumentation => "injection-cross-namespace-instrumentation",
        WarningReason.LanguageDisabled => "injection-language-disabled",
        WarningReason.InvalidContainerNames => "injection-invalid-container-names",
        WarningReason.MultiInstrumentationConfig => "injection-multi-instrumentation-config",
        WarningReason.ContainerNotFound => "injection-container-not-found",
        WarningReason.ContainerSkipped => "injection-container-skipped",
        WarningReason.UnsupportedPlatform => "injection-unsupported-platform",
        WarningReason.GoSkipped => "injection-go-skipped",
        WarningReason.PrivilegedSidecar => "injection-privileged-sidecar",
        WarningReason.ResourceAttributesValueFrom => "injection-resource-attributes-value-from",
        WarningReason.WebServerConflict => "injection-web-server-conflict",
        WarningReason.WebServerFirstContainerOnly => "injection-web-server-first-container-only",
        WarningReason.AlreadyInstrumented => "injection-already-instrumented",
        WarningReason.NoContainers => "injection-no-containers",
        WarningReason.MalformedPod => "injection-malformed-pod",
        WarningReason.InternalError => "injection-internal-error",
        WarningReason.MoreWarnings => "injection-more-warnings",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "no finding code for this warning reason"),
    };
}

public enum FindingSeverity
{
    Error,
    Warning,
    Note,
    Info,
}
