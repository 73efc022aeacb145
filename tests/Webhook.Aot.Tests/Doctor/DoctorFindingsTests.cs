using System.Text.Json;
using Webhook.Injection;
using static Webhook.Tests.Doctor.DoctorCluster;

namespace Webhook.Tests.Doctor;

/// <summary>
/// <c>otel-webhook doctor</c> against a fake cluster holding one workload per finding and a healthy one: the exact
/// findings in text and JSON, the exit codes, and what each reason needs to be told apart from the others.
/// </summary>
public sealed class DoctorFindingsTests
{
    private const string Java = "instrumentation.opentelemetry.io/inject-java";
    private static readonly TimeSpan s_hour = TimeSpan.FromHours(1);

    /// <summary>
    /// Webhook installed at T0; Instrumentation shop/otel at T0+1h (generation 3, Java image example/java:2) and
    /// observability/central at T0. One workload per case, all in namespace shop.
    /// </summary>
    internal static async Task<DoctorCluster> EveryCaseAsync()
    {
        var cluster = await StartAsync();
        cluster.InstallWebhook();
        cluster.Instrumentation("shop", "otel", s_hour, generation: 3, javaImage: "example/java:2");
        cluster.Instrumentation("observability", "central", TimeSpan.Zero);
        var asksJava = new Dictionary<string, string> { [Java] = "true" };
        var current = Marker("shop/otel", 3, "example/java:2");

        // Healthy: one pod with the marker, one injected before the marker existed (init container with the current image).
        cluster.Put(cluster.Deployments, Workload("Deployment", "shop", "cart", s_hour, asksJava));
        cluster.Put(cluster.ReplicaSets, Owned("ReplicaSet", "shop", "cart-7f9c", 2 * s_hour, ("Deployment", "cart")));
        cluster.Put(cluster.Pods, Pod("shop", "cart-7f9c-a", 2 * s_hour, ("ReplicaSet", "cart-7f9c"), current));
        cluster.Put(cluster.Pods, Pod("shop", "cart-7f9c-b", 2 * s_hour, ("ReplicaSet", "cart-7f9c"), null,
            ("opentelemetry-auto-instrumentation-java", "example/java:2")));

        // created-before-instrumentation: made at T0+30m, after the webhook, before the Instrumentation.
        cluster.Put(cluster.Deployments, Workload("Deployment", "shop", "checkout", TimeSpan.FromMinutes(30), asksJava));
        cluster.Put(cluster.ReplicaSets, Owned("ReplicaSet", "shop", "checkout-5d4b", TimeSpan.FromMinutes(30), ("Deployment", "checkout")));
        cluster.Put(cluster.Pods, Pod("shop", "checkout-5d4b-a", TimeSpan.FromMinutes(30), ("ReplicaSet", "checkout-5d4b")));
        cluster.Put(cluster.Pods, Pod("shop", "checkout-5d4b-b", TimeSpan.FromMinutes(31), ("ReplicaSet", "checkout-5d4b")));

        // annotation-misplaced: on the Deployment's own metadata.
        cluster.Put(cluster.Deployments, Workload("Deployment", "shop", "frontend", 2 * s_hour, templateAnnotations: null, ownAnnotations: asksJava));

        // instrumentation-changed: injected from generation 2.
        cluster.Put(cluster.StatefulSets, Workload("StatefulSet", "shop", "ledger", 2 * s_hour, asksJava));
        cluster.Put(cluster.Pods, Pod("shop", "ledger-0", 2 * s_hour, ("StatefulSet", "ledger"), Marker("shop/otel", 2, "example/java:2")));

        // language-disabled: Go is off unless the webhook is told otherwise.
        cluster.Put(cluster.DaemonSets, Workload("DaemonSet", "shop", "node-agent", 2 * s_hour,
            new() { ["instrumentation.opentelemetry.io/inject-go"] = "true" }));

        // not-injected: a CronJob's Job's pod, made when everything was in place; the webhook's Event says why.
        cluster.Put(cluster.CronJobs, Workload("CronJob", "shop", "nightly", 2 * s_hour, new() { ["instrumentation.opentelemetry.io/inject-nodejs"] = "true" }));
        cluster.Put(cluster.Jobs, Owned("Job", "shop", "nightly-29001", 3 * s_hour, ("CronJob", "nightly")));
        cluster.Put(cluster.Pods, Pod("shop", "nightly-29001-x", 3 * s_hour, ("Job", "nightly-29001")));
        cluster.Event("shop", "nightly-29001-x.1", "Pod", "nightly-29001-x", "InjectionSkipped", "nodejs: container \"app\" already sets NODE_OPTIONS from a Secret");
        cluster.Event("shop", "other.1", "Pod", "nightly-29001-x", "Unrelated", "from another controller", controller: "someone/else");

        // instrumentation-missing: names an Instrumentation that is nowhere.
        cluster.Put(cluster.Jobs, Workload("Job", "shop", "report", 2 * s_hour, new() { ["instrumentation.opentelemetry.io/inject-python"] = "reporting" }));

        // webhook-unavailable: a bare pod created before the webhook was installed.
        cluster.Put(cluster.Pods, Pod("shop", "debug", -s_hour, owner: null, asksJava));

        // Out of scope unless -A: a Deployment in another namespace with no Instrumentation there.
        cluster.Put(cluster.Deployments, Workload("Deployment", "observability", "gateway", 2 * s_hour, new() { ["instrumentation.opentelemetry.io/inject-dotnet"] = "shop/none" }));
        return cluster;
    }

    internal static Dictionary<string, string> Marker(string instrumentation, long generation, string image) => new()
    {
        [InjectedMarker.AnnotationName] = "{\"java\":{\"instrumentation\":\"" + instrumentation + "\",\"generation\":" + generation + ",\"resourceVersion\":\"9\",\"image\":\"" + image + "\"}}",
    };

    [Fact]
    public async Task Doctor_EveryCase_JsonListsOneFindingPerBrokenWorkloadAndNoneForTheHealthyOne()
    {
        await using var cluster = await EveryCaseAsync();

        var run = await cluster.RunAsync("-o", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Errors);
        using var json = JsonDocument.Parse(run.Output);
        var findings = json.RootElement.EnumerateArray()
            .Select(f => (Code: f.GetProperty("code").GetString(), Ns: f.GetProperty("namespace").GetString(), Kind: f.GetProperty("kind").GetString(),
                Name: f.GetProperty("name").GetString(), Language: f.GetProperty("language").GetString(), Fix: f.GetProperty("fix").GetString()))
            .ToList();
        Assert.Equal(
        [
            ("created-before-instrumentation", "shop", "Deployment", "checkout", "java", "kubectl rollout restart deployment/checkout -n shop"),
            ("annotation-misplaced", "shop", "Deployment", "frontend", "java",
                "move it to spec.template.metadata.annotations (kubectl patch deployment frontend -n shop --type merge -p "
                + "'{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"instrumentation.opentelemetry.io/inject-java\":\"true\"}}}}}')"),
            ("instrumentation-changed", "shop", "StatefulSet", "ledger", "java",
                "kubectl rollout restart statefulset/ledger -n shop to pick up the current Instrumentation shop/otel"),
            ("language-disabled", "shop", "DaemonSet", "node-agent", "go",
                "run the webhook with --enable-go-instrumentation=true (or env ENABLE_GO_AUTO_INSTRUMENTATION=true), then kubectl rollout restart daemonset/node-agent -n shop"),
            ("not-injected", "shop", "CronJob", "nightly", "nodejs",
                "kubectl get events -n shop --field-selector reportingComponent=opentelemetry.io/otel-webhook; fix what they say, then "
                + "the next scheduled Job picks it up; to run one now: kubectl create job --from=cronjob/nightly nightly-now -n shop"),
            ("instrumentation-missing", "shop", "Job", "report", "python",
                "create Instrumentation reporting in namespace shop (or set the annotation to \"observability/central\"), then "
                + "kubectl get job report -n shop -o yaml | kubectl replace --force -f -"),
            ("webhook-unavailable", "shop", "Pod", "debug", "java", "kubectl get pod debug -n shop -o yaml | kubectl replace --force -f -"),
        ], findings);
        foreach (var finding in json.RootElement.EnumerateArray())
        {
            Assert.Equal(["code", "namespace", "kind", "name", "language", "message", "fix"], finding.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task Doctor_EveryCase_TextSaysWhyForEachWorkload()
    {
        await using var cluster = await EveryCaseAsync();

        var run = await cluster.RunAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(ExpectedText, run.Output);
        Assert.Equal("", run.Errors);
    }

    internal const string ExpectedText = """
        Deployment shop/checkout (java): created-before-instrumentation
          2 of 2 pods were created at 2026-12-01T10:30:00Z, before Instrumentation shop/otel (2026-12-01T11:00:00Z): the webhook had no Instrumentation to inject Java from
          fix: kubectl rollout restart deployment/checkout -n shop

        Deployment shop/frontend (java): annotation-misplaced
          metadata.annotations[instrumentation.opentelemetry.io/inject-java] is on the Deployment itself; the webhook only sees the pod, so it is ignored
          fix: move it to spec.template.metadata.annotations (kubectl patch deployment frontend -n shop --type merge -p '{"spec":{"template":{"metadata":{"annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}}}}}')

        StatefulSet shop/ledger (java): instrumentation-changed
          its pod was injected from generation 2 of Instrumentation shop/otel, which is now at generation 3
          fix: kubectl rollout restart statefulset/ledger -n shop to pick up the current Instrumentation shop/otel

        DaemonSet shop/node-agent (go): language-disabled
          Go injection is switched off in the webhook's Deployment opentelemetry-webhook/webhook-server (it is off by default); pods are admitted without it
          fix: run the webhook with --enable-go-instrumentation=true (or env ENABLE_GO_AUTO_INSTRUMENTATION=true), then kubectl rollout restart daemonset/node-agent -n shop

        CronJob shop/nightly (nodejs): not-injected
          its pod was not injected although Instrumentation shop/otel and the webhook were in place at creation; the webhook reported: Pod nightly-29001-x: InjectionSkipped: nodejs: container "app" already sets NODE_OPTIONS from a Secret
          fix: kubectl get events -n shop --field-selector reportingComponent=opentelemetry.io/otel-webhook; fix what they say, then the next scheduled Job picks it up; to run one now: kubectl create job --from=cronjob/nightly nightly-now -n shop

        Job shop/report (python): instrumentation-missing
          inject-python=reporting but there is no Instrumentation reporting in namespace shop; there are: observability/central, shop/otel
          fix: create Instrumentation reporting in namespace shop (or set the annotation to "observability/central"), then kubectl get job report -n shop -o yaml | kubectl replace --force -f -

        Pod shop/debug (java): webhook-unavailable
          its pod was created at 2026-12-01T09:00:00Z, before MutatingWebhookConfiguration otel-webhook existed (2026-12-01T10:00:00Z): the API server did not ask the webhook
          fix: kubectl get pod debug -n shop -o yaml | kubectl replace --force -f -

        7 findings; 7 workloads ask for injection in namespace shop

        """;
}
