namespace Webhook.Injection;

/// <summary>Why a pod got less than it asked for; the reason also labels the warnings metric.</summary>
public enum WarningReason
{
    NoInstrumentation,
    AmbiguousInstrumentation,
    InstrumentationNotFound,
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
    InternalError,
}

/// <summary>An admission warning: <c>where: what happened; what to do</c>.</summary>
public sealed record InjectionWarning(WarningReason Reason, string Message)
{
    public override string ToString() => Message;
}
