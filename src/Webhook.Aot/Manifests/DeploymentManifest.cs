using System.Text.Json.Nodes;
using Webhook.Injection;

namespace Webhook.Manifests;

/// <summary>
/// The webhook Deployment: two stateless replicas on different nodes where possible, probes on the serving port, and
/// a pod that meets the "restricted" Pod Security Standard.
/// </summary>
internal static class DeploymentManifest
{
    public const int Replicas = 2;
    public const long NonRootId = 65532;
    public const string ReadinessPath = "/readyz";
    public const string LivenessPath = "/healthz";
    public const string TlsVolume = "serving-certs";

    /// <summary>0440: the key is for the process's group (fsGroup) only, not for every user in the container.</summary>
    private const int SecretFileMode = 0b100_100_000;

    public static JsonObject Create(InstallTarget target)
    {
        var deployment = ObjectHeader.Namespaced("apps/v1", "Deployment", InstallTarget.Name, target);
        deployment["spec"] = new JsonObject
        {
            ["replicas"] = Replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = ObjectHeader.AppLabels() },

            // A new pod is ready before an old one goes: a rollout never serves with fewer replicas than asked for.
            ["strategy"] = new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxSurge"] = 1, ["maxUnavailable"] = 0 },
            },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = ObjectHeader.AppLabels() },
                ["spec"] = PodSpec(target),
            },
        };
        return deployment;
    }

    private static JsonObject PodSpec(InstallTarget target) => new()
    {
        ["serviceAccountName"] = InstallTarget.Name,
        ["securityContext"] = new JsonObject
        {
            ["runAsNonRoot"] = true,
            ["runAsUser"] = NonRootId,
            ["runAsGroup"] = NonRootId,
            ["fsGroup"] = NonRootId,
            ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
        },
        ["topologySpreadConstraints"] = new JsonArray(new JsonObject
        {
            ["maxSkew"] = 1,
            ["topologyKey"] = "kubernetes.io/hostname",

            // ScheduleAnyway: a one-node cluster still runs both replicas rather than leaving one pending.
            ["whenUnsatisfiable"] = "ScheduleAnyway",
            ["labelSelector"] = new JsonObject { ["matchLabels"] = ObjectHeader.AppLabels() },
        }),
        ["containers"] = new JsonArray(Container(target)),
        ["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = TlsVolume,
            ["secret"] = new JsonObject { ["secretName"] = InstallTarget.TlsSecretName, ["defaultMode"] = SecretFileMode },
        }),
    };

    private static JsonObject Container(InstallTarget target) => new()
    {
        ["name"] = InstallTarget.ContainerName,
        ["image"] = target.Image,
        ["imagePullPolicy"] = "IfNotPresent",
        ["args"] = Arguments(target),
        ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["containerPort"] = InstallTarget.ContainerPort, ["protocol"] = "TCP" }),
        ["env"] = new JsonArray(new JsonObject
        {
            ["name"] = "POD_NAMESPACE",
            ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.namespace" } },
        }),
        ["readinessProbe"] = Probe(ReadinessPath, periodSeconds: 5),
        ["livenessProbe"] = Probe(LivenessPath, periodSeconds: 10),
        ["resources"] = Resources(),
        ["securityContext"] = new JsonObject
        {
            ["allowPrivilegeEscalation"] = false,
            ["readOnlyRootFilesystem"] = true,
            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
        },
        ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = TlsVolume, ["mountPath"] = InstallTarget.CertDir, ["readOnly"] = true }),
    };

    private static JsonArray Arguments(InstallTarget target)
    {
        var arguments = new JsonArray("--port", InstallTarget.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cert-dir", InstallTarget.CertDir,

            // Written out even at its default, so whoever reads the Deployment sees the choice and where to change it.
            InjectionSettings.CrossNamespaceFlag + "=" + (target.AllowCrossNamespace ? "allow" : "deny"));
        foreach (var flag in target.Switches)
        {
            arguments.Add((JsonNode)flag);
        }

        if (!target.Events)
        {
            arguments.Add((JsonNode)"--events=false");
        }

        return arguments;
    }

    private static JsonObject Probe(string path, int periodSeconds) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = InstallTarget.ContainerPort, ["scheme"] = "HTTPS" },
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = 2,
        ["failureThreshold"] = 3,
    };

    /// <summary>
    /// The process idles around 30 MB RSS. Request 64Mi: idle plus room for a few reviews in flight (one review body
    /// may be 7 MiB, see RequestBody.MaxBytes) and the Instrumentation/Namespace snapshot of a large cluster.
    /// Limit 256Mi, about 8× idle: headroom for a burst of large reviews and a full relist after a watch restart, while
    /// still stopping a leak; .NET sizes its GC heap from the cgroup limit (75% of it by default), so the heap stays
    /// inside. CPU: 50m covers the idle watch; no CPU limit, because CFS throttling would add its 100 ms periods to
    /// admission calls that have a 5 s timeout and sit in every pod creation.
    /// </summary>
    private static JsonObject Resources() => new()
    {
        ["requests"] = new JsonObject { ["cpu"] = "50m", ["memory"] = "64Mi" },
        ["limits"] = new JsonObject { ["memory"] = "256Mi" },
    };
}
