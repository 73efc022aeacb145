using Webhook.Injection.Agents;
using Webhook.Injection.GoSidecar;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Selection;
using Webhook.Injection.Snapshot;
using Webhook.Injection.Table;
using Webhook.Injection.WebServers;
using Webhook.Text;

namespace Webhook.Injection;

/// <summary>
/// Decides and applies injection for one pod (shared spec §5.2), looping over the generated language table:
/// already instrumented? which languages, from which Instrumentation? which containers? then each language in
/// the operator's order; each injected language is recorded in the pod's <see cref="InjectedMarker"/>, and a language
/// the marker already names is left alone. Pure: no I/O, the snapshot and settings are inputs.
/// </summary>
public static class PodMutator
{
    private const string AlreadyMarked = "already injected: metadata.annotations[" + InjectedMarker.AnnotationName + "] names it";

    /// <summary>Mutates one pod in a workspace of its own: the result is the caller's to keep.</summary>
    public static MutationResult Mutate(ReadOnlyMemory<byte> podJson, string ns, InstrumentationSnapshot snapshot, InjectionSettings settings)
        => new InjectionWorkspace().Mutate(podJson, ns, snapshot, settings);

    public static MutationResult Mutate(PodView pod, string ns, InstrumentationSnapshot snapshot, InjectionSettings settings)
    {
        var context = new InjectionContext(pod, ns, snapshot, settings);
        ReadOnlyMemory<byte>? patch = null;
        if (Decide(context))
        {
            patch = PatchWriter.Write(context.Changes);
        }

        return new MutationResult(patch, context.Warnings, context.Decisions);
    }

    /// <summary>Decides and records the pod's changes in <paramref name="context"/>; true when there are any.</summary>
    public static bool Decide(InjectionContext context)
    {
        var changed = DecideChanges(context);
        context.EndWarnings();
        return changed;
    }

    private static bool DecideChanges(InjectionContext context)
    {
        var pod = context.Pod;
        var selected = context.Selected;
        if (!Select(context) || selected.Count == 0)
        {
            return false;
        }

        if (AlreadyInstrumented.Reason(pod, context.PodAnnotation(InjectedMarker.AnnotationName) is not null, out var byInjection) is { } reason)
        {
            // Our own earlier injection (reinvocation) is silent; a user's copied env var is worth telling.
            if (!byInjection)
            {
                context.Warn(WarningReason.AlreadyInstrumented, "pod looks already instrumented (" + reason + "); pod admitted unchanged");
            }

            foreach (var language in selected)
            {
                context.Decide(language.Rule.Name, false, "pod already instrumented: " + reason);
            }

            return false;
        }

        if (pod.Containers.Count == 0)
        {
            context.Warn(WarningReason.NoContainers, "spec.containers: the pod has no containers; nothing injected");
            return false;
        }

        if (!AssignContainerNames(context, selected))
        {
            return false;
        }

        foreach (var language in selected)
        {
            var decided = context.Decisions.Count;
            switch (language.Rule.Hook)
            {
                case InjectionHook.GoSidecar:
                    GoSidecarHook.Inject(context, language);
                    break;
                case InjectionHook.ApacheHttpd:
                    ApacheHttpdHook.Inject(context, language);
                    break;
                case InjectionHook.Nginx:
                    NginxHook.Inject(context, language);
                    break;
                default:
                    AgentInjector.Inject(context, language, ContainerTargets.Resolve(context, language));
                    break;
            }

            if (InjectedSince(context, decided))
            {
                context.Changes.MarkerEntries[(int)language.Rule.Language] = context.Snapshot.MarkerEntry(language.Instrumentation, language.Rule);
            }
        }

        if (context.Changes.HasMarker && context.PodAnnotation(InjectedMarker.AnnotationName) is { } earlier)
        {
            context.Changes.KeepEarlierMarkerEntries(earlier);
        }

        return !context.Changes.IsEmpty;
    }

    /// <summary>Whether a hook, deciding from index <paramref name="from"/> on, recorded its language as injected.</summary>
    private static bool InjectedSince(InjectionContext context, int from)
    {
        for (var i = from; i < context.Decisions.Count; i++)
        {
            if (context.Decisions[i].Injected)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Fills <see cref="InjectionContext.Selected"/> with the languages the pod asks for, with their Instrumentations,
    /// in injection order; false when a selection failed, which (as in the operator) leaves the whole pod unchanged.
    /// </summary>
    private static bool Select(InjectionContext context)
    {
        var marked = InjectedMarker.Languages(context.PodAnnotation(InjectedMarker.AnnotationName));
        foreach (var language in InjectionTable.All)
        {
            var value = context.Effective(language.InjectAnnotation);
            if (!EffectiveValue.Asks(value))
            {
                continue;
            }

            // Our own marker (reinvocation, or a pod re-submitted as it was admitted): the language is in place already.
            if (InjectedMarker.Names(marked, language.Language))
            {
                context.Decide(language.Name, false, AlreadyMarked);
                continue;
            }

            var instrumentation = InstrumentationSelector.Select(context, language, value, out var problem);
            if (instrumentation is null)
            {
                context.Warn(problem!.Contains(" Instrumentations in ", StringComparison.Ordinal) ? WarningReason.AmbiguousInstrumentation
                    : value.Equals("true", StringComparison.OrdinalIgnoreCase) ? WarningReason.NoInstrumentation : WarningReason.InstrumentationNotFound, problem);
                context.Decide(language.Name, false, problem);
                return false;
            }

            if (!context.Settings.IsEnabled(language.Language))
            {
                // A pod we injected was told so when it was admitted first; reinvocation stays silent.
                if (marked == 0)
                {
                    context.Warn(WarningReason.LanguageDisabled, "metadata.annotations[" + InstrumentationSelector.ShortKey(language.InjectAnnotation) + "]: "
                        + language.DisplayName + " injection is disabled in this webhook (" + language.Switch?.Flag + "=true, or "
                        + language.Switch?.EnvironmentVariable + "=true, switches it on; manifests takes the flag too); pod admitted without it");
                }

                context.Decide(language.Name, false, language.Messages.Disabled ?? "disabled");
                continue;
            }

            if (InstrumentationSelector.CrossNamespace(context, language, instrumentation) is { } crossNamespace)
            {
                // A refusal, as for a disabled language, was told to a pod we injected at its first admission.
                if (marked == 0 || context.Settings.AllowCrossNamespace)
                {
                    context.Warn(WarningReason.CrossNamespaceInstrumentation, crossNamespace);
                }

                if (!context.Settings.AllowCrossNamespace)
                {
                    context.Decide(language.Name, false, crossNamespace);
                    continue;
                }
            }

            context.Selected.Add(context.Select(language, instrumentation));
        }

        return true;
    }

    private static bool AssignContainerNames(InjectionContext context, List<SelectedLanguage> selected)
    {
        var common = context.Effective(InjectionTable.ContainerNamesAnnotation);
        if (!CheckNames(context, InjectionTable.ContainerNamesAnnotation, common))
        {
            return false;
        }

        if (common.Length > 0)
        {
            foreach (var language in selected)
            {
                ContainerNameRules.Split(common, language.ContainerNames);
            }
        }

        if (!context.Settings.MultiInstrumentation)
        {
            return true;
        }

        // Every language's annotation is checked, a language the pod did not select too: the operator refuses such a pod.
        foreach (var rule in InjectionTable.All)
        {
            var own = context.Effective(rule.ContainerNamesAnnotation);
            if (!CheckNames(context, rule.ContainerNamesAnnotation, own))
            {
                return false;
            }

            if (own.Length > 0 && Find(selected, rule) is { } language)
            {
                ContainerNameRules.Split(own, language.ContainerNames);
            }
        }

        var inValidationOrder = context.InValidationOrder;
        inValidationOrder.AddRange(selected);
        inValidationOrder.Sort(static (a, b) => a.Rule.ValidationOrder.CompareTo(b.Rule.ValidationOrder));
        if (ContainerNameRules.Validate(inValidationOrder, context.EmptyNameSet()) is { } problem)
        {
            context.Warn(WarningReason.MultiInstrumentationConfig, "metadata.annotations: " + problem + "; pod admitted unchanged");
            foreach (var language in selected)
            {
                context.Decide(language.Rule.Name, false, problem);
            }

            return false;
        }

        return true;
    }

    private static SelectedLanguage? Find(List<SelectedLanguage> selected, LanguageRule rule)
    {
        foreach (var language in selected)
        {
            if (language.Rule == rule)
            {
                return language;
            }
        }

        return null;
    }

    private static bool CheckNames(InjectionContext context, string annotation, string value)
    {
        if (ContainerNameRules.IsValid(value))
        {
            return true;
        }

        var message = "metadata.annotations[" + InstrumentationSelector.ShortKey(annotation) + "]: " + EchoedText.Quote(value)
            + " has characters other than letters, digits, '-' and ','; pod admitted unchanged";
        context.Warn(WarningReason.InvalidContainerNames, message);
        context.Decide("all", false, message);
        return false;
    }
}
