using System.Text;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection.Units;

/// <summary>
/// Texts a workspace remembers from one pod for the next (the resource attributes entry, the mount path, the decision's
/// description, service.instance.id's namespace part): pods that differ in one of their inputs, one after the other in
/// one workspace, get what a fresh workspace gives each.
/// </summary>
public sealed class RememberedTextsTests
{
    [Fact]
    public void Mutate_PodsDifferingInOneInputInOneWorkspace_GiveWhatAFreshWorkspaceGives()
    {
        var snapshot = Snapshot();
        var pods = new (string Namespace, string Pod)[]
        {
            ("demo", Pod("app", "app:1", "shop-7c9d8f6b5", "")),
            ("demo", Pod("app", "app:1", "shop-7c9d8f6b5", "")),
            ("demo", Pod("app", "app:2", "shop-7c9d8f6b5", "")),
            ("demo", Pod("web", "app:2", "shop-7c9d8f6b5", "")),
            ("demo", Pod("web", "app:2", "cart-5d8f7c6b9", "")),
            ("demo", Pod("web", "app:2", "cart-5d8f7c6b9", ",\"resource.opentelemetry.io/team\":\"a\"")),
            ("demo", Pod("web", "app:2", "cart-5d8f7c6b9", ",\"resource.opentelemetry.io/team\":\"b\"")),
            ("other", Pod("web", "app:2", "cart-5d8f7c6b9", ",\"resource.opentelemetry.io/team\":\"b\"")),
            ("demo", Pod("app", "app:1", "shop-7c9d8f6b5", "")),
        };
        var shared = new InjectionWorkspace();
        var patches = new HashSet<string>();

        foreach (var (ns, pod) in pods)
        {
            var fresh = Describe(new InjectionWorkspace().Mutate(Encoding.UTF8.GetBytes(pod), ns, snapshot, InjectionSettings.Defaults));
            var reused = Describe(shared.Mutate(Encoding.UTF8.GetBytes(pod), ns, snapshot, InjectionSettings.Defaults));
            Assert.Equal(fresh, reused);
            patches.Add(reused);
        }

        Assert.Equal(pods.Length - 2, patches.Count);
    }

    private static string Pod(string container, string image, string replicaSet, string annotations)
        => "{\"metadata\":{\"generateName\":\"" + replicaSet + "-\",\"labels\":{\"pod-template-hash\":\"" + replicaSet[(replicaSet.IndexOf('-') + 1)..]
            + "\"},\"annotations\":{\"instrumentation.opentelemetry.io/inject-java\":\"demo/otel\"" + annotations
            + "},\"ownerReferences\":[{\"kind\":\"ReplicaSet\",\"name\":\"" + replicaSet + "\",\"uid\":\"u1\"}]},\"spec\":{\"containers\":[{\"name\":\""
            + container + "\",\"image\":\"" + image + "\"}]}}";

    private static string Describe(MutationResult result)
        => Encoding.UTF8.GetString(result.Patch!.Value.Span) + "\n" + string.Join("\n", result.Decisions.Select(d => d.Language + " " + d.Injected + ": " + d.Reason));

    private static InstrumentationSnapshot Snapshot() => TestInstrumentations.Snapshot("""
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata: {name: otel, namespace: demo}
        spec:
          java: {image: "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0"}
        """);
}
