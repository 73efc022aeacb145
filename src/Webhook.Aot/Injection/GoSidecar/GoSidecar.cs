using Webhook.Crd;
using Webhook.Injection.Pods;
using Webhook.Injection.Sdk;
using Webhook.Injection.Selection;

namespace Webhook.Injection.GoSidecar;

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

    /// <summary>Stands in for a missing <c>spec.go</c>; only ever read, never changed.</summary>
    private static readonly Go s_unset = new();

    /// <summary>The sidecar being described: used only until its JSON is written, and cleared before each use.</summary>
    [ThreadStatic]
    private static ContainerView? t_sidecar;

    public static void Inject(InjectionContext context, SelectedLanguage selected)
    {
        var pod = context.Pod;
        var instrumentation = selected.Instrumentation;
        var go = instrumentation.Spec!.Go ?? s_unset;
        var targetName = selected.ContainerNames.Count > 0 ? selected.ContainerNames[0] : pod.Containers[0].Name;
        var target = pod.FindContainer(targetName);
        if (GoPrerequisites.Problem(context, selected, target, go) is { } problem)
        {
            context.Warn(WarningReason.GoSkipped, problem);
            context.Decide(selected.Rule.Name, false, problem);
            return;
        }

        var app = target ?? pod.Containers[0];
        GoSidecarMessages.WarnAboutTarget(context, selected, targetName, target, app);
        if (pod.ShareProcessNamespace != true)
        {
            context.Changes.SetShareProcessNamespace = true;
        }

        var sidecar = t_sidecar ??= new ContainerView();
        sidecar.Clear();
        sidecar.Index = pod.Containers.Count;
        sidecar.Name = SidecarName;
        sidecar.Image = go.Image ?? "";
        sidecar.VolumeMounts.Add(VolumeMountView.Added(KernelDebugVolume, KernelDebugPath));
        if (pod.Annotation(TargetExeAnnotation) is { } exe)
        {
            sidecar.Env.Add(EnvEntry.Literal(TargetExeEnv, exe));
        }

        var fragments = context.Changes.Fragments;
        SdkEnv.AppendAll(fragments, sidecar.Env, go.Env);
        context.Changes.AddVolume(KernelDebugVolume, GoSidecarJson.KernelDebugVolumeJson(fragments));
        SdkEnv.AddCommon(context, sidecar, instrumentation);
        SdkEnv.AddSdk(context, sidecar, app, instrumentation);
        context.Changes.NewContainers.Add((SidecarName, GoSidecarJson.Container(fragments, sidecar, go, instrumentation)));

        context.Warn(WarningReason.PrivilegedSidecar, GoSidecarMessages.HostAccess(selected, go));
        context.Decide(selected.Rule.Name, true, GoSidecarMessages.Injected(selected, app));
    }
}
