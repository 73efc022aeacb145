using System.Collections.Immutable;

namespace Webhook.Injection.Table;

/// <summary>Everything the injection table says about one language. Instances are generated from schema/languages.json.</summary>
public sealed class LanguageRule
{
    public required Language Language { get; init; }

    /// <summary>The table's key, also used in flags and metrics: <c>java</c>, <c>apache-httpd</c>.</summary>
    public required string Name { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The language's block in the Instrumentation spec (<c>apacheHttpd</c>), or null for SDK-only.</summary>
    public required string? SpecField { get; init; }

    public required string InjectAnnotation { get; init; }

    public required byte[] InjectAnnotationUtf8 { get; init; }

    public required string ContainerNamesAnnotation { get; init; }

    public required SwitchRule? Switch { get; init; }

    public required ImageRule? Image { get; init; }

    /// <summary>Versions an image must not be upgraded across automatically (validation warns about them).</summary>
    public required ImmutableArray<BlockedUpgrade> BlockedUpgrades { get; init; }

    /// <summary>The spec field that holds the init container resources: <c>resources</c> for Java, else <c>resourceRequirements</c>.</summary>
    public required string? ResourcesField { get; init; }

    public required ImmutableArray<NamedText> DefaultLimits { get; init; }

    public required ImmutableArray<NamedText> DefaultRequests { get; init; }

    /// <summary>Other spec fields defaulted when empty (Apache version and configPath, Nginx configFile).</summary>
    public required ImmutableArray<NamedText> SpecDefaults { get; init; }

    /// <summary>Position in the validation order of multi-instrumentation checks (differs from injection order).</summary>
    public required int ValidationOrder { get; init; }

    public required InjectionHook Hook { get; init; }

    public required bool SupportsInitContainerTargets { get; init; }

    /// <summary>The OTLP protocols the agent can export with, its default first; empty when it sends no OTLP of its own.</summary>
    public required ImmutableArray<string> OtlpProtocols { get; init; }

    /// <summary>Official image names (the repository's last segment) whose containers run this language's runtime.</summary>
    public required ImmutableArray<string> RuntimeImages { get; init; }

    public required PlatformRule? Platform { get; init; }

    public required VolumeRule? Volume { get; init; }

    public required InitContainerRule? InitContainer { get; init; }

    /// <summary>Where app containers mount the volume; <c>{container}</c> stands for the container's name.</summary>
    public required string? ContainerMountPath { get; init; }

    public required ImmutableArray<string> SkipWhenValueFrom { get; init; }

    public required ImmutableArray<PresenceGuard> SkipWhenPresent { get; init; }

    public required ImmutableArray<EnvRule> Env { get; init; }

    public required LanguageMessages Messages { get; init; }
}
