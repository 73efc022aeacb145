using System.Runtime.InteropServices;
using System.Collections.Immutable;
using Webhook.Crd;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;
using Webhook.Injection.Patching;
using Webhook.Injection.Sdk;
using Webhook.Injection.Snapshot;
using Webhook.Injection.Selection;
using Webhook.Injection.Table;
using Webhook.Injection.Text;
using Webhook.Text;

namespace Webhook.Injection.Agents;

/// <summary>
/// Injects a language the table fully describes (Java, Node.js, Python, .NET, SDK-only): per target container the
/// language step, the common env, the language's env after it, the SDK env; then, once per pod, the volume and the
/// init container that copies the agent. No per-language branches: everything comes from the <see cref="LanguageRule"/>.
/// </summary>
public static class AgentInjector
{
    /// <summary>The placeholder of the target container's name in the table's texts.</summary>
    public const string ContainerToken = "{container}";

    /// <summary>
    /// The init container's command, expanded; reused (not rented from ArrayPool: the pool gives its arrays up on a
    /// full garbage collection, and the next admission would allocate one).
    /// </summary>
    [ThreadStatic]
    private static List<string>? t_command;

    public static void Inject(InjectionContext context, SelectedLanguage selected, List<ContainerView> targets)
    {
        var rule = selected.Rule;
        var instrumentation = selected.Instrumentation;
        var block = rule.SpecField is null ? null : instrumentation.Spec!.Language(rule.SpecField);
        if (!TryPlatform(context, rule, out var placeholders, out var platformOption))
        {
            return;
        }

        var prebuilt = context.Prebuilt(instrumentation).Language(rule, platformOption);

        // Written from the second injected target on: a pod of one target usually gets the description the pod before got.
        var description = new TextBuilder(stackalloc char[1024]);
        ContainerView? first = null;
        var injected = 0;
        // How many env entries and fragment bytes the first target got: a later one's list is sized for as many at once,
        // and the fragments for every target left (a pod of thousands of containers would otherwise grow each list from
        // empty through three arrays, and the fragments from small by doubling).
        var envAdded = -1;
        var fragments = context.Changes.Fragments;
        var fragmentsBefore = fragments.WrittenCount;
        for (var t = 0; t < targets.Count; t++)
        {
            var target = targets[t];
            if (SkipReason(target, rule, block) is { } reason)
            {
                context.Warn(WarningReason.ContainerSkipped, "containers[" + EchoedText.Cut(target.Name) + "]: " + reason + "; " + rule.DisplayName + " not injected into it");
                continue;
            }

            var envBefore = target.Env.Count;
            if (envAdded > 0)
            {
                target.Env.EnsureCapacity(envBefore + envAdded);
            }

            SdkEnv.AppendAll(target.Env, prebuilt.Env);
            ApplyEnv(context, selected, target, block, placeholders, EnvStage.Language);
            if (rule.Volume is { } volume && rule.ContainerMountPath is { } mountPath)
            {
                context.Changes.AddMount(target, volume.Name, selected.MountPath.TryGet(target.Name, null, out var path) ? path
                    : selected.MountPath.Remember(target.Name, null, TextCache.Replace(mountPath, ContainerToken, target.Name)));
            }

            SdkEnv.AddCommon(context, target, instrumentation);
            ApplyEnv(context, selected, target, block, placeholders, EnvStage.AfterCommon);
            SdkEnv.AddSdk(context, target, target, instrumentation);
            if (envAdded < 0)
            {
                envAdded = target.Env.Count - envBefore;
                if (t < targets.Count - 1)
                {
                    // A sixteenth more for texts of other lengths, and room for the pod's own parts written after.
                    var toCome = (long)(fragments.WrittenCount - fragmentsBefore) * (targets.Count - t - 1);
                    fragments.Reserve(toCome + toCome / 16 + 4096);
                }
            }

            if (injected == 1)
            {
                description.Append("injected into ");
                description.AppendListed(0, first!.Name);
            }

            if (injected > 0)
            {
                description.AppendListed(injected, target.Name);
            }

            first ??= target;
            injected++;
        }

        if (injected == 0)
        {
            description.Dispose();
            context.Decide(rule.Name, false, "no target container could take the agent (see the warnings)");
            return;
        }

        AddPodParts(context, rule, instrumentation, block, targets[0], placeholders, prebuilt);
        string text;
        if (injected > 1)
        {
            text = Described(ref description, injected, instrumentation);
        }
        else if (selected.Description.TryGet(instrumentation, first!.Name, out text))
        {
            description.Dispose();
        }
        else
        {
            description.Append("injected into ");
            description.AppendListed(0, first.Name);
            text = selected.Description.Remember(instrumentation, first.Name, Described(ref description, 1, instrumentation));
        }

        context.Decide(rule.Name, true, text);
    }

    /// <summary>Ends the description of the targets listed in <paramref name="description"/>, as a kept string.</summary>
    private static string Described(scoped ref TextBuilder description, int injected, Instrumentation instrumentation)
    {
        description.AppendMore(injected);
        description.Append(" from Instrumentation ");
        description.Append(instrumentation.Metadata?.Namespace);
        description.Append('/');
        description.Append(instrumentation.Metadata?.Name);
        return description.ToCachedString();
    }

    /// <summary>The platform annotation picks the placeholders (Python glibc/musl, .NET runtime); an unknown value skips the language.</summary>
    private static bool TryPlatform(InjectionContext context, LanguageRule rule, out ImmutableArray<NamedText> placeholders, out int platformOption)
    {
        placeholders = [];
        platformOption = 0;
        if (rule.Platform is not { } platform)
        {
            return true;
        }

        var value = context.Effective(platform.Annotation);
        var chosen = value.Length == 0 ? platform.Default : value;
        for (var i = 0; i < platform.Options.Length; i++)
        {
            if (platform.Options[i].Value == chosen)
            {
                placeholders = platform.Options[i].Placeholders;
                platformOption = i;
                return true;
            }
        }

        // The operator still adds the init container (Python: with an empty copy source that fails at start-up).
        context.Warn(WarningReason.UnsupportedPlatform, "metadata.annotations[" + InstrumentationSelector.ShortKey(platform.Annotation) + "]: "
            + EchoedText.Quote(value) + " is not supported (use " + string.Join(" or ", platform.Options.Select(o => o.Value)) + "); " + rule.DisplayName + " not injected");
        context.Decide(rule.Name, false, "unsupported " + platform.Annotation + " value " + EchoedText.Quote(value));
        return false;
    }

    private static string? SkipReason(ContainerView target, LanguageRule rule, ILanguageSpec? block)
    {
        if (target.IsInit && !rule.SupportsInitContainerTargets)
        {
            return "is an init container";
        }

        foreach (var name in rule.SkipWhenValueFrom)
        {
            if (EnvList.Find(target.Env, name) is { HasValueFrom: true })
            {
                return "env " + name + " uses valueFrom, which the agent setting cannot extend";
            }
        }

        foreach (var guard in rule.SkipWhenPresent)
        {
            var present = guard.Scope == GuardScope.Container
                ? EnvList.Contains(target.Env, guard.Name)
                : SdkEnv.Names(block?.Env, guard.Name);
            if (present)
            {
                return guard.Reason;
            }
        }

        return null;
    }

    private static void ApplyEnv(InjectionContext context, SelectedLanguage selected, ContainerView target, ILanguageSpec? block,
        ImmutableArray<NamedText> placeholders, EnvStage stage)
    {
        var rule = selected.Rule;
        foreach (var env in rule.Env)
        {
            if (env.Stage != stage)
            {
                continue;
            }

            // The container's own valueFrom entries were skipped above; one that came from the Instrumentation's env
            // cannot be extended either (the operator leaves it silently, so the agent never loads).
            if (env.Rule is EnvMergeRule.Concatenate or EnvMergeRule.Prepend && EnvList.Find(target.Env, env.Name) is { HasValueFrom: true })
            {
                context.Warn(WarningReason.ContainerSkipped, "containers[" + EchoedText.Cut(target.Name) + "]: env " + env.Name
                    + " from the Instrumentation uses valueFrom, which the agent setting cannot extend; the " + rule.DisplayName + " agent is not enabled in it");
                continue;
            }

            if (placeholders.IsEmpty && env.Suffix is null && block is not Java { Extensions.Count: > 0 }
                && env.Value.Contains(ContainerToken, StringComparison.Ordinal) && !EnvList.Contains(target.Env, env.Name))
            {
                // New to the container, with its name in it (JAVA_TOOL_OPTIONS): every rule adds it as it is, and a pod of
                // many containers would otherwise keep one such string per container.
                var fragments = context.Changes.Fragments;
                var remembered = selected.ContainerNamedEnv;
                target.Env.Add(remembered.TryCopy(env, target.Name, fragments, out var copied) ? copied
                    : remembered.Remember(env, target.Name, env.Name, WithContainerName(fragments, env.Name, env.Value, target)));
                continue;
            }

            var value = Expand(env.Value, target, placeholders);
            if (block is Java { Extensions.Count: > 0 } && env.Rule == EnvMergeRule.Concatenate)
            {
                value = TextCache.Concat(value, JavaExtensions.ArgumentFor(target));
            }

            EnvList.Apply(target.Env, env, value, env.Suffix is null ? null : Expand(env.Suffix, target, placeholders));
        }
    }

    /// <summary>The volume and the init container, once per pod: copied from <paramref name="prebuilt"/>, with the first target's security context.</summary>
    private static void AddPodParts(InjectionContext context, LanguageRule rule, Instrumentation instrumentation, ILanguageSpec? block,
        ContainerView firstTarget, ImmutableArray<NamedText> placeholders, PrebuiltLanguage prebuilt)
    {
        if (rule.InitContainer is not { } init || context.Changes.HasInitContainer(init.Name))
        {
            return;
        }

        var fragments = context.Changes.Fragments;
        if (rule.Volume is { } volume)
        {
            context.Changes.AddVolume(volume.Name, prebuilt.Volume);
        }

        var json = prebuilt.InitContainer is { } initContainer
            ? InitContainerJson.FromPrebuilt(fragments, initContainer, prebuilt.SecurityContextAt, firstTarget)
            : PodSpecificInitContainer(fragments, rule, init, instrumentation, block, firstTarget, placeholders);

        context.Changes.AddInitContainer(init.Name, json, firstTarget.IsInit ? firstTarget : null);
        if (block is Java { Extensions.Count: > 0 } java)
        {
            JavaExtensions.AddInitContainers(context, java, instrumentation, firstTarget, init);
        }
    }

    /// <summary>An init container whose command names the target container: written for each pod.</summary>
    private static ReadOnlyMemory<byte> PodSpecificInitContainer(FragmentBuffer fragments, LanguageRule rule, InitContainerRule init, Instrumentation instrumentation,
        ILanguageSpec? block, ContainerView firstTarget, ImmutableArray<NamedText> placeholders)
    {
        var command = t_command ??= new List<string>();
        command.Clear();
        foreach (var word in init.Command)
        {
            command.Add(Expand(word, firstTarget, placeholders));
        }

        return InitContainerJson.Agent(fragments, init.Name, block?.Image ?? "", CollectionsMarshal.AsSpan(command), block?.InitContainerResources,
            instrumentation, firstTarget, rule.Volume?.Name ?? init.Name, init.MountPath, withPullPolicy: true);
    }

    /// <summary>The entry <paramref name="name"/>=<paramref name="text"/> with the container's name for each <see cref="ContainerToken"/>, written into the fragments.</summary>
    private static EnvEntry WithContainerName(FragmentBuffer fragments, string name, string text, ContainerView container)
    {
        var value = new TextBuilder(stackalloc char[1024]);
        var rest = text.AsSpan();
        for (var at = rest.IndexOf(ContainerToken, StringComparison.Ordinal); at >= 0; at = rest.IndexOf(ContainerToken, StringComparison.Ordinal))
        {
            value.Append(rest[..at]);
            value.Append(container.Name);
            rest = rest[(at + ContainerToken.Length)..];
        }

        value.Append(rest);
        var entry = FragmentEnv.Literal(fragments, name, value.Text);
        value.Dispose();
        return entry;
    }

    internal static string Expand(string text, ContainerView container, ImmutableArray<NamedText> placeholders)
    {
        var result = TextCache.Replace(text, ContainerToken, container.Name);
        foreach (var placeholder in placeholders)
        {
            result = TextCache.Replace(result, placeholder.Token, placeholder.Value);
        }

        return result;
    }
}
