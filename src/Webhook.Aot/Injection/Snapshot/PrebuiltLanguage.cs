using System.Collections.Immutable;
using Webhook.Crd;
using Webhook.Injection.Agents;
using Webhook.Injection.Env;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Table;

namespace Webhook.Injection.Snapshot;

/// <summary>
/// What injecting one language from one Instrumentation (with one platform option) adds that no pod changes, as JSON
/// written once: the language's env entries, the agent volume, and the init container but for the first target's
/// security context. Built by <see cref="PrebuiltInstrumentation"/> when a pod first needs it; immutable after.
/// </summary>
public sealed class PrebuiltLanguage
{
    private PrebuiltLanguage(EnvEntry[] env, ReadOnlyMemory<byte> volume, byte[]? initContainer, int securityContextAt)
    {
        Env = env;
        Volume = volume;
        InitContainer = initContainer;
        SecurityContextAt = securityContextAt;
    }

    /// <summary>The language block's <c>env</c> (for example <c>spec.java.env</c>), as written.</summary>
    public EnvEntry[] Env { get; }

    /// <summary>The agent volume; empty when the language has none.</summary>
    public ReadOnlyMemory<byte> Volume { get; }

    /// <summary>The agent's init container (see <see cref="InitContainerJson.Prebuild"/>); null when the language has none or its command names the target.</summary>
    public byte[]? InitContainer { get; }

    /// <summary>Where the first target's security context goes into <see cref="InitContainer"/>; -1 when it never does.</summary>
    public int SecurityContextAt { get; }

    public static PrebuiltLanguage Build(Instrumentation instrumentation, LanguageRule rule, ImmutableArray<NamedText> placeholders)
    {
        var block = rule.SpecField is null ? null : instrumentation.Spec?.Language(rule.SpecField);
        var env = PrewrittenEnv.Copies(block?.Env);
        var volume = ReadOnlyMemory<byte>.Empty;
        if (rule.InitContainer is not { } init)
        {
            return new PrebuiltLanguage(env, volume, null, -1);
        }

        if (rule.Volume is { } volumeRule)
        {
            volume = InstrumentationVolume.Json(new FragmentBuffer(), volumeRule.Name, block, volumeRule).ToArray();
        }

        if (!TryExpand(init.Command, placeholders, out var command))
        {
            return new PrebuiltLanguage(env, volume, null, -1);
        }

        var (json, securityContextAt) = InitContainerJson.Prebuild(init.Name, block?.Image ?? "", command, block?.InitContainerResources,
            instrumentation, rule.Volume?.Name ?? init.Name, init.MountPath, withPullPolicy: true);
        return new PrebuiltLanguage(env, volume, json, securityContextAt);
    }

    /// <summary>The command with the platform's placeholders filled; false when a word names the target container.</summary>
    private static bool TryExpand(ImmutableArray<string> words, ImmutableArray<NamedText> placeholders, out string[] command)
    {
        command = new string[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Contains(AgentInjector.ContainerToken, StringComparison.Ordinal))
            {
                return false;
            }

            var word = words[i];
            foreach (var placeholder in placeholders)
            {
                word = word.Replace(placeholder.Token, placeholder.Value, StringComparison.Ordinal);
            }

            command[i] = word;
        }

        return true;
    }
}
