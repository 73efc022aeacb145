using Webhook.Offline;

namespace Webhook.Doctor;

/// <summary>
/// A kind <c>doctor</c> checks: where its list is served, what users call it on the command line (as kubectl does),
/// where its pod template sits (<see cref="WorkloadKind"/>), and how its pods are made again.
/// </summary>
internal sealed class WorkloadType
{
    public static readonly WorkloadType Deployment = new("Deployment", "apis/apps/v1", "deployments", ["deployment", "deploy"]);
    public static readonly WorkloadType StatefulSet = new("StatefulSet", "apis/apps/v1", "statefulsets", ["statefulset", "sts"]);
    public static readonly WorkloadType DaemonSet = new("DaemonSet", "apis/apps/v1", "daemonsets", ["daemonset", "ds"]);
    public static readonly WorkloadType Job = new("Job", "apis/batch/v1", "jobs", ["job"]);
    public static readonly WorkloadType CronJob = new("CronJob", "apis/batch/v1", "cronjobs", ["cronjob", "cj"]);
    public static readonly WorkloadType Pod = new("Pod", "api/v1", "pods", ["pod", "po"]);

    /// <summary>In the order findings are written.</summary>
    public static readonly IReadOnlyList<WorkloadType> All = [Deployment, StatefulSet, DaemonSet, CronJob, Job, Pod];

    private readonly string[] _names;

    private WorkloadType(string kind, string groupVersionPath, string plural, string[] names)
    {
        Kind = kind;
        GroupVersionPath = groupVersionPath;
        Plural = plural;
        _names = [.. names, plural];
        Template = WorkloadKind.Named(kind) ?? throw new InvalidOperationException("no pod template path for " + kind);
    }

    public string Kind { get; }

    /// <summary><c>apis/apps/v1</c>: the list is <c>{this}/namespaces/{ns}/{plural}</c>, or <c>{this}/{plural}</c> for all namespaces.</summary>
    public string GroupVersionPath { get; }

    public string Plural { get; }

    public WorkloadKind Template { get; }

    /// <summary>The type a command-line word names, case-insensitively (<c>deploy</c>, <c>Deployment</c>, <c>deployments</c>).</summary>
    public static WorkloadType? Named(string word)
    {
        foreach (var type in All)
        {
            if (word.Equals(type.Kind, StringComparison.OrdinalIgnoreCase) || Array.Exists(type._names, name => name.Equals(word, StringComparison.OrdinalIgnoreCase)))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>The command that makes the workload's pods again, so that the webhook sees them.</summary>
    public string RecreateCommand(string ns, string name)
    {
        var lower = Kind.ToLowerInvariant();
        return Kind switch
        {
            "Job" or "Pod" => "kubectl get " + lower + " " + name + " -n " + ns + " -o yaml | kubectl replace --force -f -",
            "CronJob" => "the next scheduled Job picks it up; to run one now: kubectl create job --from=cronjob/" + name + " " + name + "-now -n " + ns,
            _ => "kubectl rollout restart " + lower + "/" + name + " -n " + ns,
        };
    }
}
