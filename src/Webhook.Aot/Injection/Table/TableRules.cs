using System.Collections.Immutable;

namespace Webhook.Injection.Table;

/// <summary>A boolean operator switch: its command-line flag, environment variable and default.</summary>
public sealed record SwitchRule(string Flag, string EnvironmentVariable, bool Default);

/// <summary>A language's default image and how an operator overrides it.</summary>
public sealed record ImageRule(string Default, string Flag, string EnvironmentVariable, string DefaultImageAnnotation);

/// <summary>An image version that automatic upgrades must not cross, and why.</summary>
public sealed record BlockedUpgrade(string Version, string Message);

/// <summary>A name and a text value: a resource quantity, a spec default, a placeholder's replacement.</summary>
public sealed record NamedText(string Name, string Value)
{
    /// <summary>The name as a placeholder stands in a text: <c>{name}</c>.</summary>
    public string Token { get; } = "{" + Name + "}";
}

/// <summary>One accepted value of a platform annotation and the placeholders it fills.</summary>
public sealed record PlatformOption(string Value, ImmutableArray<NamedText> Placeholders);

/// <summary>A per-pod annotation that picks a build of the agent (Python glibc/musl, .NET runtime).</summary>
public sealed record PlatformRule(string Annotation, string Default, ImmutableArray<PlatformOption> Options);

/// <summary>The shared volume the init container fills and the app containers mount.</summary>
public sealed record VolumeRule(string Name, bool UsesClaimTemplate, bool UsesSizeLimit);

/// <summary>The init container that copies the agent into the shared volume.</summary>
public sealed record InitContainerRule(string Name, ImmutableArray<string> Command, string MountPath);

/// <summary>A container is skipped when this variable is already set (in the container or the language's env).</summary>
public sealed record PresenceGuard(string Name, GuardScope Scope, string Reason);

/// <summary>An env var the language adds, and how it merges with an existing one.</summary>
public sealed record EnvRule(string Name, string Value, EnvMergeRule Rule, string Separator, string? Suffix, EnvStage Stage);

/// <summary>Log and event texts, exactly as the operator writes them.</summary>
public sealed record LanguageMessages(string? Disabled, string Injecting, string? Skipping);
