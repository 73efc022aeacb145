using System.Globalization;
using System.Text.Json.Nodes;
using Webhook.Commands;
using Webhook.Tests.Sources;

namespace Webhook.Tests.Doctor;

/// <summary>
/// A fake cluster for <c>otel-webhook doctor</c>: the API server on loopback, a kubeconfig pointing at it (context
/// namespace <c>shop</c>), and builders for the objects doctor reads. Times are offsets from <see cref="T0"/>.
/// </summary>
internal sealed class DoctorCluster : IAsyncDisposable
{
    public const string WebhookNamespace = "opentelemetry-webhook";

    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("doctor-").FullName;

    private DoctorCluster(FakeKubernetesApi api)
    {
        Api = api;
        Kubeconfig = Path.Combine(_folder, "config");
        File.WriteAllText(Kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {api.BaseUri.AbsoluteUri.TrimEnd('/')}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: me
                namespace: shop
            - name: elsewhere
              context:
                cluster: fake
                user: me
            current-context: fake
            users:
            - name: me
              user:
                token: user-token
            """);
    }

    public FakeKubernetesApi Api { get; }

    public string Kubeconfig { get; }

    public FakeCollection Deployments => Api.Resource("apis/apps/v1", "deployments", "DeploymentList");

    public FakeCollection StatefulSets => Api.Resource("apis/apps/v1", "statefulsets", "StatefulSetList");

    public FakeCollection DaemonSets => Api.Resource("apis/apps/v1", "daemonsets", "DaemonSetList");

    public FakeCollection ReplicaSets => Api.Resource("apis/apps/v1", "replicasets", "ReplicaSetList");

    public FakeCollection Jobs => Api.Resource("apis/batch/v1", "jobs", "JobList");

    public FakeCollection CronJobs => Api.Resource("apis/batch/v1", "cronjobs", "CronJobList");

    public FakeCollection Pods => Api.Resource("api/v1", "pods", "PodList");

    public FakeCollection Services => Api.Resource("api/v1", "services", "ServiceList");

    public FakeCollection EndpointSlices => Api.Resource("apis/discovery.k8s.io/v1", "endpointslices", "EndpointSliceList");

    public FakeCollection Events => Api.Resource("apis/events.k8s.io/v1", "events", "EventList");

    public FakeCollection WebhookConfigurations => Api.Resource("apis/admissionregistration.k8s.io/v1", "mutatingwebhookconfigurations", "MutatingWebhookConfigurationList");

    public FakeCollection NamespacedInstrumentations => Api.Resource("apis/opentelemetry.io/v1alpha1", "instrumentations", "InstrumentationList");

    public static async Task<DoctorCluster> StartAsync()
    {
        var cluster = new DoctorCluster(await FakeKubernetesApi.StartAsync());

        // Every kind a real cluster serves, empty until a test puts objects in.
        _ = new[]
        {
            cluster.Deployments, cluster.StatefulSets, cluster.DaemonSets, cluster.ReplicaSets, cluster.Jobs, cluster.CronJobs, cluster.Pods, cluster.Services,
            cluster.EndpointSlices, cluster.Events, cluster.WebhookConfigurations, cluster.NamespacedInstrumentations,
        };
        foreach (var ns in new[] { "shop", "observability", WebhookNamespace })
        {
            cluster.Api.Namespaces.Put(Object(null, ns, TimeSpan.FromDays(-30)).ToJsonString());
        }

        return cluster;
    }

    /// <summary>The webhook as the bundle installs it at <see cref="T0"/>, with <paramref name="readyEndpoints"/> ready pods.</summary>
    public void InstallWebhook(int readyEndpoints = 1, string[]? args = null, JsonObject? env = null)
    {
        var configuration = Object(null, "otel-webhook", TimeSpan.Zero, labels: new() { ["app.kubernetes.io/name"] = "otel-webhook" });
        configuration["webhooks"] = new JsonArray(new JsonObject
        {
            ["name"] = "mpod.otel-webhook.io",
            ["clientConfig"] = new JsonObject
            {
                ["service"] = new JsonObject { ["name"] = "otel-webhook", ["namespace"] = WebhookNamespace, ["path"] = "/mutate-v1-pod" },
            },
        });
        WebhookConfigurations.Put(configuration.ToJsonString());

        var service = Object(WebhookNamespace, "otel-webhook", TimeSpan.Zero);
        service["spec"] = new JsonObject { ["selector"] = new JsonObject { ["app.kubernetes.io/name"] = "otel-webhook" } };
        Services.Put(service.ToJsonString());

        var slice = Object(WebhookNamespace, "otel-webhook-x1", TimeSpan.Zero, labels: new() { ["kubernetes.io/service-name"] = "otel-webhook" });
        var endpoints = new JsonArray();
        for (var i = 0; i < 2; i++)
        {
            endpoints.Add((JsonNode)new JsonObject { ["addresses"] = new JsonArray("10.0.0." + i), ["conditions"] = new JsonObject { ["ready"] = i < readyEndpoints } });
        }

        slice["endpoints"] = endpoints;
        EndpointSlices.Put(slice.ToJsonString());

        // Named otherwise than the Service, found through the Service's selector.
        var deployment = Workload("Deployment", WebhookNamespace, "webhook-server", TimeSpan.Zero, templateAnnotations: null);
        var template = deployment["spec"]!["template"]!.AsObject();
        template["metadata"]!["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "otel-webhook" };
        var container = new JsonObject
        {
            ["name"] = "webhook",
            ["image"] = "ghcr.io/otel-webhook/otel-webhook:0.1.0",
            ["args"] = new JsonArray([.. (args ?? ["--port", "9443", "--cert-dir", "/tmp/k8s-webhook-server/serving-certs"]).Select(a => (JsonNode)a)]),
        };
        if (env is not null)
        {
            container["env"] = new JsonArray(env.Select(e => (JsonNode)new JsonObject { ["name"] = e.Key, ["value"] = e.Value!.DeepClone() }).ToArray());
        }

        template["spec"] = new JsonObject { ["containers"] = new JsonArray(container) };
        Deployments.Put(deployment.ToJsonString());
    }

    public void Instrumentation(string ns, string name, TimeSpan created, long generation = 1, string? javaImage = null)
    {
        var item = Object(ns, name, created);
        item["apiVersion"] = "opentelemetry.io/v1alpha1";
        item["kind"] = "Instrumentation";
        item["metadata"]!["generation"] = generation;
        item["spec"] = javaImage is null ? new JsonObject() : new JsonObject { ["java"] = new JsonObject { ["image"] = javaImage } };
        NamespacedInstrumentations.Put(item.ToJsonString());
        Api.Instrumentations.Put(item.ToJsonString());
    }

    public void Put(FakeCollection collection, JsonObject item) => collection.Put(item.ToJsonString());

    /// <summary>A pod owned by <paramref name="owner"/> (kind, name), or a bare pod when null.</summary>
    public static JsonObject Pod(string ns, string name, TimeSpan created, (string Kind, string Name)? owner, Dictionary<string, string>? annotations = null,
        params (string Name, string Image)[] initContainers)
    {
        var pod = Object(ns, name, created, annotations);
        if (owner is { } o)
        {
            pod["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["kind"] = o.Kind, ["name"] = o.Name, ["uid"] = Uid(o.Kind, ns, o.Name), ["controller"] = true,
            });
        }

        pod["spec"] = new JsonObject
        {
            ["initContainers"] = new JsonArray([.. initContainers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["image"] = c.Image })]),
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "shop/app:1" }),
        };
        return pod;
    }

    /// <summary>An object that owns pods (ReplicaSet, Job) owned in turn by <paramref name="owner"/>.</summary>
    public static JsonObject Owned(string kind, string ns, string name, TimeSpan created, (string Kind, string Name) owner)
    {
        var item = Object(ns, name, created);
        item["metadata"]!["uid"] = Uid(kind, ns, name);
        item["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["kind"] = owner.Kind, ["name"] = owner.Name, ["uid"] = Uid(owner.Kind, ns, owner.Name), ["controller"] = true,
        });
        item["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject() } };
        return item;
    }

    /// <summary>A workload with its pod template's annotations, and annotations on its own metadata.</summary>
    public static JsonObject Workload(string kind, string ns, string name, TimeSpan created, Dictionary<string, string>? templateAnnotations,
        Dictionary<string, string>? ownAnnotations = null)
    {
        var item = Object(ns, name, created, ownAnnotations);
        item["metadata"]!["uid"] = Uid(kind, ns, name);
        var template = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = ToJson(templateAnnotations) },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "shop/app:1" }) },
        };
        item["spec"] = kind == "CronJob"
            ? new JsonObject { ["schedule"] = "0 2 * * *", ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } } }
            : new JsonObject { ["template"] = template };
        return item;
    }

    public void Event(string ns, string name, string regardingKind, string regardingName, string reason, string note, string controller = "opentelemetry.io/otel-webhook")
    {
        var item = Object(ns, name, TimeSpan.FromHours(2));
        item["regarding"] = new JsonObject { ["kind"] = regardingKind, ["name"] = regardingName, ["namespace"] = ns, ["uid"] = Uid(regardingKind, ns, regardingName) };
        item["reportingController"] = controller;
        item["reason"] = reason;
        item["note"] = note;
        item["type"] = "Warning";
        Events.Put(item.ToJsonString());
    }

    /// <summary>Runs <c>otel-webhook doctor ARGS --kubeconfig FILE</c> as the binary would.</summary>
    public async Task<DoctorRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await Task.Run(() => CommandShell.Run(["doctor", .. args, "--kubeconfig", Kubeconfig], output, errors));
        return new DoctorRun(code, output.ToString().ReplaceLineEndings("\n"), errors.ToString().ReplaceLineEndings("\n"));
    }

    public static string Uid(string kind, string ns, string name) => "uid-" + kind.ToLowerInvariant() + "-" + ns + "-" + name;

    public static string Time(TimeSpan offset) => (T0 + offset).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static JsonObject Object(string? ns, string name, TimeSpan created, Dictionary<string, string>? annotations = null, Dictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        metadata["uid"] = Uid("Pod", ns ?? "", name);
        metadata["creationTimestamp"] = Time(created);
        if (annotations is not null)
        {
            metadata["annotations"] = ToJson(annotations);
        }

        if (labels is not null)
        {
            metadata["labels"] = ToJson(labels);
        }

        return new JsonObject { ["metadata"] = metadata };
    }

    private static JsonObject ToJson(Dictionary<string, string>? map)
        => new(map?.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)) ?? []);
}

internal sealed record DoctorRun(int ExitCode, string Output, string Errors);
