// Model types must stay value-equal: the incremental pipeline compares them to decide whether to re-emit.
// Only strings, numbers, booleans, EquatableArray and other model records here; no positions.
namespace Webhook.Generators.Model;

/// <summary>The whole injection table: shared keys and one entry per language.</summary>
public sealed record LanguageTable(
    string AnnotationPrefix,
    string ContainerNamesAnnotation,
    string DefaultVolumeSizeLimit,
    SwitchSpec MultiInstrumentation,
    EquatableArray<LanguageEntry> Languages);

public sealed record SwitchSpec(string Flag, string Env, bool Default);

public sealed record ImageSpec(string Default, string Flag, string Env, string DefaultImageAnnotation);

public sealed record NamedValue(string Name, string Value);

/// <summary>An image version that automatic upgrades must not cross, with the message users see.</summary>
public sealed record BlockedUpgradeSpec(string Version, string Message);

public sealed record PlatformSpec(string Annotation, string Default, EquatableArray<PlatformValue> Values);

/// <summary>One accepted platform value and the placeholders it fills in (<c>{source}</c> → <c>/autoinstrumentation/.</c>).</summary>
public sealed record PlatformValue(string Value, EquatableArray<NamedValue> Placeholders);

public sealed record VolumeSpec(string Name, bool ClaimTemplate, bool SizeLimit);

public sealed record InitContainerSpec(string Name, EquatableArray<string> Command, string MountPath);

public sealed record PresenceGuardSpec(string Name, string In, string Reason);

public sealed record EnvSpec(string Name, string Value, string Rule, string Separator, string? Suffix, string Stage);

public sealed record MessagesSpec(string? Disabled, string Injecting, string? Skipping);

public sealed record LanguageEntry(
    string Name,
    string DisplayName,
    string? SpecField,
    string InjectAnnotation,
    string ContainerNamesAnnotation,
    SwitchSpec? Switch,
    ImageSpec? Image,
    EquatableArray<BlockedUpgradeSpec> BlockedUpgrades,
    string? ResourcesField,
    EquatableArray<NamedValue> Limits,
    EquatableArray<NamedValue> Requests,
    EquatableArray<NamedValue> SpecDefaults,
    int InjectionOrder,
    int ValidationOrder,
    string Hook,
    bool SupportsInitContainerTargets,
    EquatableArray<string> OtlpProtocols,
    EquatableArray<string> RuntimeImages,
    PlatformSpec? Platform,
    VolumeSpec? Volume,
    InitContainerSpec? InitContainer,
    string? ContainerMountPath,
    EquatableArray<string> SkipWhenValueFrom,
    EquatableArray<PresenceGuardSpec> SkipWhenPresent,
    EquatableArray<EnvSpec> Env,
    MessagesSpec Messages);

public sealed record LanguageTableParseResult(LanguageTable? Table, EquatableArray<DiagnosticInfo> Diagnostics);
