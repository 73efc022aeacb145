namespace Webhook.Injection.Table;

/// <summary>Hand-written code a language needs beyond what the table can say.</summary>
public enum InjectionHook : byte
{
    None,
    GoSidecar,
    ApacheHttpd,
    Nginx,
}

/// <summary>How an env var the table adds meets one the container already has.</summary>
public enum EnvMergeRule : byte
{
    /// <summary>Add only when no entry of that name exists; an existing entry is never touched.</summary>
    AppendIfAbsent,

    /// <summary>Absent: add; present with a value: <c>existing + separator + value</c>; present with valueFrom: untouched.</summary>
    Concatenate,

    /// <summary>Absent: <c>value + separator + suffix</c>; present: <c>value + separator + existing + separator + suffix</c>.</summary>
    Prepend,

    /// <summary>Replace the entry in place when present, else add.</summary>
    SetOrReplace,
}

/// <summary>When an env var is applied: with the language step (before the common env) or after the common env.</summary>
public enum EnvStage : byte
{
    Language,
    AfterCommon,
}

/// <summary>Where a presence guard looks for its variable.</summary>
public enum GuardScope : byte
{
    Container,
    LanguageEnv,
}

/// <summary>What a pod annotation means for a language.</summary>
public enum AnnotationRole : byte
{
    Inject,
    ContainerNames,
    Platform,
}
