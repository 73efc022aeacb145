using System.Text.Json.Nodes;
using Webhook.Injection;

namespace Webhook.Manifests.Collector;

/// <summary>
/// One collector replica reading its configuration from the ConfigMap, listening for OTLP on both ports, in a pod that
/// meets the "restricted" Pod Security Standard.
/// </summary>
internal static class CollectorDeploymentManifest
{
    /// <summary>The user the collector images are built to run as.</summary>
    public const long CollectorUserId = 10001;

    public static JsonObject Create(CollectorTarget target)
    {
        var deployment = target.Header("apps/v1", "Deployment");
        deployment["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = target.Labels() },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = target.Labels(), ["annotations"] = NoInjection() },
                ["spec"] = PodSpec(target),
            },
        };
        return deployment;
    }

    /// <summary>
    /// Every inject annotation set to "false": a namespace opted in with an inject annotation must not instrument the
    /// collector itself, and a pod's own "false" wins over its namespace's value.
    /// </summary>
    private static JsonObject NoInjection()
    {
        var annotations = new JsonObject();
        foreach (var language in InjectionTable.All)
        {
            annotations[language.InjectAnnotation] = "false";
        }

        return annotations;
    }

    private static JsonObject PodSpec(CollectorTarget target) => new()
    {
        ["securityContext"] = new JsonObject
        {
            ["runAsNonRoot"] = true,
            ["runAsUser"] = CollectorUserId,
            ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
        },
        ["containers"] = new JsonArray(Container(target)),
        ["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = CollectorTarget.ConfigVolume,
            ["configMap"] = new JsonObject
            {
                ["name"] = target.ResourceName,
                ["items"] = new JsonArray(new JsonObject { ["key"] = CollectorTarget.ConfigKey, ["path"] = CollectorTarget.ConfigKey }),
            },
        }),
    };

    private static JsonObject Container(CollectorTarget target) => new()
    {
        ["name"] = CollectorTarget.ContainerName,
        ["image"] = target.Image,
        ["imagePullPolicy"] = "IfNotPresent",
        ["args"] = new JsonArray("--config=" + CollectorTarget.ConfigDirectory + "/" + CollectorTarget.ConfigKey),
        ["ports"] = new JsonArray(
            new JsonObject { ["name"] = CollectorTarget.GrpcPortName, ["containerPort"] = CollectorTarget.GrpcPort, ["protocol"] = "TCP" },
            new JsonObject { ["name"] = CollectorTarget.HttpPortName, ["containerPort"] = CollectorTarget.HttpPort, ["protocol"] = "TCP" }),

        // memory_limiter's percentages are of the container's memory limit; without a limit they would be of the node's memory.
        ["resources"] = new JsonObject
        {
            ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" },
            ["limits"] = new JsonObject { ["memory"] = "512Mi" },
        },
        ["securityContext"] = new JsonObject
        {
            ["allowPrivilegeEscalation"] = false,
            ["readOnlyRootFilesystem"] = true,
            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
        },
        ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = CollectorTarget.ConfigVolume, ["mountPath"] = CollectorTarget.ConfigDirectory, ["readOnly"] = true }),
    };
}
