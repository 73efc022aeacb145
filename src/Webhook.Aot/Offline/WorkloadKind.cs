using Webhook.Documents;

namespace Webhook.Offline;

/// <summary>
/// A kind <c>inject</c> rewrites and where it keeps the pod template it creates pods from. Every workload kind is
/// also the owner kind given to the pod: see <see cref="TemplatePod"/> for why a Deployment is not a ReplicaSet.
/// </summary>
public sealed class WorkloadKind
{
    public static readonly WorkloadKind Pod = new("v1", "Pod", []);

    private static readonly WorkloadKind[] s_all =
    [
        Pod,
        new("apps/v1", "Deployment", ["spec", "template"],
            "pods are taken as owned by the Deployment itself: the ReplicaSet in between is named after a pod-template-hash "
            + "only the cluster knows, so k8s.replicaset.name is not set"),
        new("apps/v1", "StatefulSet", ["spec", "template"]),
        new("apps/v1", "DaemonSet", ["spec", "template"]),
        new("apps/v1", "ReplicaSet", ["spec", "template"]),
        new("batch/v1", "Job", ["spec", "template"]),
        new("batch/v1", "CronJob", ["spec", "jobTemplate", "spec", "template"],
            "pods are taken as owned by the CronJob itself: the Job in between is named when it is scheduled, so k8s.job.name is not set"),
    ];

    private WorkloadKind(string apiVersion, string kind, string[] templatePath, string? offlineOwnerNote = null)
    {
        ApiVersion = apiVersion;
        Kind = kind;
        TemplatePath = templatePath;
        TemplateField = string.Join(".", templatePath);
        OfflineOwnerNote = offlineOwnerNote;
    }

    public string ApiVersion { get; }

    public string Kind { get; }

    /// <summary>The members leading from the document to its pod template; empty for a Pod, which is its own.</summary>
    public IReadOnlyList<string> TemplatePath { get; }

    /// <summary>The template as users write it in paths: <c>spec.jobTemplate.spec.template</c>.</summary>
    public string TemplateField { get; }

    public bool IsPod => TemplatePath.Count == 0;

    /// <summary>What offline injection cannot know about the pod's owners, for <c>--explain</c>; null when it knows all.</summary>
    public string? OfflineOwnerNote { get; }

    /// <summary>The kind named by the document's <c>kind</c>, whatever its apiVersion; null for every other kind.</summary>
    public static WorkloadKind? Of(SourceDocument document) => Named(document.Kind);

    /// <summary>The kind spelled exactly as in <c>kind</c> (<c>Deployment</c>); null for every other kind.</summary>
    public static WorkloadKind? Named(string? kind)
    {
        foreach (var candidate in s_all)
        {
            if (candidate.Kind == kind)
            {
                return candidate;
            }
        }

        return null;
    }
}
