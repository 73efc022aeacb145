using System.Text;
using System.Text.Json.Nodes;
using Webhook.Crd;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;

namespace Webhook.Tests.Injection.Bounded;

/// <summary>Pods and AdmissionReviews of the sizes an attacker who may create pods can send, built in code (megabytes of testdata would add nothing readable).</summary>
internal static class LargePods
{
    public const string Prefix = "instrumentation.opentelemetry.io/";
    public const string Namespace = "shop";

    /// <summary>One Instrumentation "otel" in "shop", defaulted as the webhook's sources default it.</summary>
    public static InstrumentationSnapshot Snapshot()
    {
        var instrumentation = new Instrumentation { Metadata = new ObjectMeta { Name = "otel", Namespace = Namespace } };
        InstrumentationDefaulter.Apply(instrumentation, ImageDefaults.FromTable);
        return new InstrumentationSnapshot([instrumentation], []);
    }

    /// <summary>"c0,c1,…" with <paramref name="count"/> names starting at <paramref name="first"/>.</summary>
    public static string Names(int count, int first = 0) => string.Join(',', Enumerable.Range(first, count).Select(i => "c" + i));

    /// <summary>A pod with these annotations and containers named "c0", "c1", …, each with <paramref name="envPerContainer"/> env entries.</summary>
    public static JsonObject Pod(IEnumerable<(string Key, string Value)> annotations, int containers = 1, int envPerContainer = 0, int envValueLength = 8,
        string name = "web-1")
    {
        var annotationObject = new JsonObject();
        foreach (var (key, value) in annotations)
        {
            annotationObject[key] = value;
        }

        var containerArray = new JsonArray();
        for (var c = 0; c < containers; c++)
        {
            var env = new JsonArray();
            for (var e = 0; e < envPerContainer; e++)
            {
                env.Add((JsonNode)new JsonObject { ["name"] = "VAR_" + e, ["value"] = new string('v', envValueLength) });
            }

            var container = new JsonObject { ["name"] = "c" + c, ["image"] = "registry.example/app:1.0" };
            if (envPerContainer > 0)
            {
                container["env"] = env;
            }

            containerArray.Add((JsonNode)container);
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace, ["annotations"] = annotationObject },
            ["spec"] = new JsonObject { ["containers"] = containerArray },
        };
    }

    public static byte[] Bytes(JsonNode pod) => Encoding.UTF8.GetBytes(pod.ToJsonString());

    /// <summary>An AdmissionReview for a pod CREATE; <paramref name="kind"/> replaces "Pod" in request.kind.kind.</summary>
    public static byte[] Review(JsonNode pod, string kind = "Pod", string uid = "u-1")
        => Encoding.UTF8.GetBytes("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + uid
            + "\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"" + kind + "\"},\"namespace\":\"" + Namespace
            + "\",\"operation\":\"CREATE\",\"object\":" + pod.ToJsonString() + "}}");

    /// <summary>Rent for the pod's size, mutate, give back: a pod over 64 KiB goes through the burst workspaces.</summary>
    public static void MutateAsTheEndpointDoes(byte[] pod, InstrumentationSnapshot snapshot)
    {
        var workspace = InjectionWorkspace.Rent(pod.Length);
        try
        {
            Assert.NotNull(workspace.Mutate(pod, Namespace, snapshot, InjectionSettings.Defaults).Patch);
        }
        finally
        {
            InjectionWorkspace.Return(workspace);
        }
    }
}
