using Webhook.Crd;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Sdk;
using Webhook.Injection.Selection;

namespace Webhook.Injection.Hooks;

/// <summary>
/// Go (shared spec §8.5): an eBPF sidecar that watches the app's executable through a shared process namespace.
/// One app container per pod; the app container itself is not changed, the sidecar gets the common and SDK env
/// computed from it.
/// </summary>
public static class GoSidecarHook
{
    public const string SidecarName = AlreadyInstrumented.GoSidecarName;
    public const string TargetExeAnnotation = "instrumentation.opentelemetry.io/otel-go-auto-target-exe";
    public const string TargetExeEnv = "OTEL_GO_AUTO_TARGET_EXE";
    public const string KernelDebugVolume = "kernel-debug";
    public const string KernelDebugPath = "/sys/kernel/debug";

    public static void Inject(InjectionContext context, SelectedLanguage selected)
    {
        var pod = context.Pod;
        var instrumentation = selected.Instrumentation;
        var go = instrumentation.Spec!.Go ?? new Go();
        var targetName = selected.ContainerNames.Count > 0 ? selected.ContainerNames[0] : pod.Containers[0].Name;
        var target = pod.FindContainer(targetName);
        if (GoPrerequisites.Problem(context, selected, target, go) is { } problem)
        {
            context.Warn(WarningReason.GoSkipped, problem);
            context.Decide(selected.Rule.Name, false, problem);
            return;
        }

        var app = target ?? pod.Containers[0];
        WarnAboutTarget(context, selected, targetName, target, app);
        if (pod.ShareProcessNamespace != true)
        {
            context.Changes.SetShareProcessNamespace = true;
        }

        var sidecar = new ContainerView { Index = pod.Containers.Count, IsInit = false, Name = SidecarName, Image = go.Image ?? "" };
        sidecar.VolumeMounts.Add(VolumeMountView.Added(KernelDebugVolume, KernelDebugPath));
        if (pod.Annotation(TargetExeAnnotation) is { } exe)
        {
            sidecar.Env.Add(EnvEntry.Literal(TargetExeEnv, exe));
        }

        var fragments = context.Changes.Fragments;
        SdkEnv.AppendAll(fragments, sidecar.Env, go.Env);
        context.Changes.AddVolume(KernelDebugVolume, GoSidecarJson.KernelDebugVolumeJson(fragments));
        SdkEnv.AddCommon(fragments, sidecar, instrumentation);
        SdkEnv.AddSdk(context, sidecar, app, instrumentation);
        context.Changes.NewContainers.Add((SidecarName, GoSidecarJson.Container(fragments, sidecar, go, instrumentation)));

        context.Warn(WarningReason.PrivilegedSidecar, "metadata.annotations[" + InstrumentationSelector.ShortKey(selected.Rule.InjectAnnotation) + "]: Go sidecar "
            + (go.SecurityContext is null or { Privileged: true } ? "is privileged, mounts" : "mounts") + " hostPath; Pod Security baseline/restricted reject it");
        context.Decide(selected.Rule.Name, true, "sidecar " + SidecarName + " watches " + app.Name + " from Instrumentation "
            + instrumentation.Metadata?.Namespace + "/" + instrumentation.Metadata?.Name);
    }

    /// <summary>The operator goes on silently when the named container is missing or more than one is named; we say so.</summary>
    private static void WarnAboutTarget(InjectionContext context, SelectedLanguage selected, string targetName, ContainerView? target, ContainerView app)
    {
        if (target is null)
        {
            context.Warn(WarningReason.ContainerNotFound, "metadata.annotations[container-names]: no container \"" + targetName
                + "\" in the pod; Go takes \"" + app.Name + "\" as the app");
        }

        if (selected.ContainerNames.Count > 1)
        {
            context.Warn(WarningReason.ContainerSkipped, "metadata.annotations[container-names]: Go watches one container, \"" + targetName
                + "\"; " + string.Join(", ", selected.ContainerNames.Skip(1).Select(n => "\"" + n + "\"")) + " ignored");
        }
    }
}
