namespace Webhook.Doctor;

/// <summary>Lists what <c>doctor</c> looks at, within its scope: namespaces, Instrumentations, workloads, ReplicaSets, pods and the webhook.</summary>
internal static class ClusterSurvey
{
    private const string InstrumentationsPath = "apis/opentelemetry.io/v1alpha1";

    public static async Task<ClusterState> ReadAsync(ClusterReader reader, DoctorScope scope, ServeSwitchReader switches, CancellationToken cancellationToken)
    {
        var namespaces = await reader.TryListAsync("api/v1/namespaces", "namespace annotations are not taken into account",
            static item => ResourceMeta.Of(item), cancellationToken).ConfigureAwait(false);
        var instrumentations = await InstrumentationsAsync(reader, scope, cancellationToken).ConfigureAwait(false);
        var workloads = new List<Workload>();
        foreach (var type in WorkloadType.All)
        {
            if (type != WorkloadType.Pod)
            {
                workloads.AddRange(await reader.ListAsync(scope.PathOf(type.GroupVersionPath, type.Plural), item => Workload.Of(type, item), cancellationToken)
                    .ConfigureAwait(false));
            }
        }

        // Pods are listed once: every pod is looked at as a pod, and a bare one as a workload too.
        var pods = await reader.ListAsync(scope.PathOf(WorkloadType.Pod.GroupVersionPath, WorkloadType.Pod.Plural),
            static item => new PodAndWorkload(PodState.Of(item), Workload.Of(WorkloadType.Pod, item)), cancellationToken).ConfigureAwait(false);
        workloads.AddRange(pods.Select(static pod => pod.Workload));

        var replicaSets = await reader.ListAsync(scope.PathOf("apis/apps/v1", "replicasets"), static item => ResourceMeta.Of(item), cancellationToken)
            .ConfigureAwait(false);
        var webhook = await WebhookSurvey.ReadAsync(reader, switches, cancellationToken).ConfigureAwait(false);
        return new ClusterState(
            (namespaces ?? []).ToDictionary(ns => ns.Name, ns => ns.Annotations, StringComparer.Ordinal),
            instrumentations,
            workloads,
            replicaSets,
            [.. pods.Select(static pod => pod.Pod)],
            webhook);
    }

    private sealed record PodAndWorkload(PodState Pod, Workload Workload);

    /// <summary>All of them, to name those in other namespaces; only the scope's when the user may not list them all.</summary>
    private static async Task<List<InstrumentationInfo>> InstrumentationsAsync(ClusterReader reader, DoctorScope scope, CancellationToken cancellationToken)
    {
        var all = await reader.TryListAsync(InstrumentationsPath + "/instrumentations", "only the checked namespace's are known",
            static item => InstrumentationInfo.Of(item), cancellationToken).ConfigureAwait(false);
        if (all is not null || scope.Namespace is null)
        {
            return all ?? [];
        }

        return await reader.TryListAsync(scope.PathOf(InstrumentationsPath, "instrumentations"), "every Instrumentation counts as missing",
            static item => InstrumentationInfo.Of(item), cancellationToken).ConfigureAwait(false) ?? [];
    }
}
