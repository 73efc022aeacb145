namespace Webhook.Injection;

/// <summary>Why a pod got less than it asked for; the reason also labels the warnings metric.</summary>
public enum WarningReason
{
    NoInstrumentation,
    AmbiguousInstrumentation,
    InstrumentationNotFound,
    CrossNamespaceInstrumentation,
    LanguageDisabled,
    InvalidContainerNames,
    MultiInstrumentationConfig,
    ContainerNotFound,
    ContainerSkipped,
    UnsupportedPlatform,
    GoSkipped,
    PrivilegedSidecar,
    ResourceAttributesValueFrom,
    WebServerConflict,
    WebServerFirstContainerOnly,
    AlreadyInstrumented,
    NoContainers,
    MalformedPod,
    InternalError,

    /// <summary>The count of warnings left out past <see cref="InjectionContext.MaxWarnings"/>.</summary>
    MoreWarnings,
}

/// <summary>An admission warning: <c>where: what happened; what to do</c>. A value, so a warning a successful injection always gives costs no object.</summary>
public readonly record struct InjectionWarning(WarningReason Reason, string Message)
{
    public override string ToString() => Message;
}
