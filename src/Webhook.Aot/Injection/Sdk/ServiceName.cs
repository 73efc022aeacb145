using Webhook.Crd;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Sdk;

/// <summary>The operator's <c>OTEL_SERVICE_NAME</c> and <c>service.version</c> derivations (shared spec §7.4, §7.5.5).</summary>
public static class ServiceName
{
    private static readonly string[] s_ownerKeys =
        ["k8s.deployment.name", "k8s.replicaset.name", "k8s.statefulset.name", "k8s.daemonset.name", "k8s.cronjob.name", "k8s.job.name", "k8s.pod.name"];

    public static string Choose(InjectionContext context, ContainerView app, Instrumentation instrumentation, AttributeMap attributes)
    {
        var pod = context.Pod;
        if (context.PodAnnotation(ResourceAttributes.ServiceNameAnnotation) is { Length: > 0 } annotated)
        {
            return annotated;
        }

        if (UseLabels(instrumentation))
        {
            if (pod.Label("app.kubernetes.io/instance") is { Length: > 0 } instance)
            {
                return instance;
            }

            if (pod.Label("app.kubernetes.io/name") is { Length: > 0 } name)
            {
                return name;
            }
        }

        foreach (var key in s_ownerKeys)
        {
            if (attributes.TryGetValue(key, out var value) && value.Length > 0)
            {
                return value;
            }
        }

        return app.Name;
    }

    public static string Version(InjectionContext context, ContainerView app, Instrumentation instrumentation)
    {
        var pod = context.Pod;
        if (context.PodAnnotation(ResourceAttributes.ServiceVersionAnnotation) is { Length: > 0 } annotated)
        {
            return annotated;
        }

        if (UseLabels(instrumentation) && pod.Label("app.kubernetes.io/version") is { Length: > 0 } label)
        {
            return label;
        }

        return context.ImageVersion(app.Image);
    }

    private static bool UseLabels(Instrumentation instrumentation) => instrumentation.Spec?.Defaults?.UseLabelsForResourceAttributes == true;
}
