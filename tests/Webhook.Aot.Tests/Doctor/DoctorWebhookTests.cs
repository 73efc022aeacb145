using System.Text.Json;
using System.Text.Json.Nodes;
using static Webhook.Tests.Doctor.DoctorCluster;

namespace Webhook.Tests.Doctor;

/// <summary>How <c>doctor</c> reads the webhook: its configuration, its endpoints, its switches; and what it does with
/// lists the user may not read.</summary>
public sealed class DoctorWebhookTests
{
    private static readonly TimeSpan s_hour = TimeSpan.FromHours(1);

    private static async Task<DoctorCluster> OneDeploymentAsync(string language = "java")
    {
        var cluster = await StartAsync();
        cluster.Instrumentation("shop", "otel", TimeSpan.Zero);
        cluster.Put(cluster.Deployments, Workload("Deployment", "shop", "web", s_hour, new() { ["instrumentation.opentelemetry.io/inject-" + language] = "true" }));
        cluster.Put(cluster.ReplicaSets, Owned("ReplicaSet", "shop", "web-1", s_hour, ("Deployment", "web")));
        cluster.Put(cluster.Pods, Pod("shop", "web-1-a", 2 * s_hour, ("ReplicaSet", "web-1")));
        return cluster;
    }

    private static async Task<JsonElement> OnlyFindingAsync(DoctorCluster cluster)
    {
        var run = await cluster.RunAsync("-o", "json");
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        return Assert.Single(json.RootElement.EnumerateArray()).Clone();
    }

    [Fact]
    public async Task Doctor_NoWebhookConfiguration_WebhookUnavailableWithInstallCommand()
    {
        await using var cluster = await OneDeploymentAsync();

        var finding = await OnlyFindingAsync(cluster);

        Assert.Equal("webhook-unavailable", finding.GetProperty("code").GetString());
        Assert.Equal("no MutatingWebhookConfiguration calls otel-webhook, so the API server admits pods without asking it", finding.GetProperty("message").GetString());
        Assert.Equal("install the webhook: otel-webhook manifests | kubectl apply -f -; then kubectl rollout restart deployment/web -n shop", finding.GetProperty("fix").GetString());
    }

    [Fact]
    public async Task Doctor_NoReadyEndpoints_WebhookUnavailableNamingTheService()
    {
        await using var cluster = await OneDeploymentAsync();
        cluster.InstallWebhook(readyEndpoints: 0);

        var finding = await OnlyFindingAsync(cluster);

        Assert.Equal("webhook-unavailable", finding.GetProperty("code").GetString());
        Assert.Equal("Service opentelemetry-webhook/otel-webhook of MutatingWebhookConfiguration otel-webhook has no ready endpoints, "
            + "so pods are admitted without injection (the webhook fails open)", finding.GetProperty("message").GetString());
        Assert.Equal("kubectl get pods -n opentelemetry-webhook -l app.kubernetes.io/name=otel-webhook; once one is ready, kubectl rollout restart deployment/web -n shop",
            finding.GetProperty("fix").GetString());
    }

    [Fact]
    public async Task Doctor_OneReadyEndpoint_NotUnavailable()
    {
        await using var cluster = await OneDeploymentAsync();
        cluster.InstallWebhook(readyEndpoints: 1);

        var finding = await OnlyFindingAsync(cluster);

        Assert.Equal("not-injected", finding.GetProperty("code").GetString());
        Assert.EndsWith("; the webhook reported no Event about them", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_JavaSwitchedOffByFlag_LanguageDisabledQuotingTheFlag()
    {
        await using var cluster = await OneDeploymentAsync();
        cluster.InstallWebhook(args: ["--port", "9443", "--enable-java-instrumentation=false"]);

        var finding = await OnlyFindingAsync(cluster);

        Assert.Equal("language-disabled", finding.GetProperty("code").GetString());
        Assert.Equal("Java injection is switched off in the webhook's Deployment opentelemetry-webhook/webhook-server (its args set "
            + "--enable-java-instrumentation=false); pods are admitted without it", finding.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Doctor_JavaSwitchedOffByEnv_LanguageDisabledQuotingTheVariable()
    {
        await using var cluster = await OneDeploymentAsync();
        cluster.InstallWebhook(env: new JsonObject { ["ENABLE_JAVA_AUTO_INSTRUMENTATION"] = "false" });

        var finding = await OnlyFindingAsync(cluster);

        Assert.Contains("(its env sets ENABLE_JAVA_AUTO_INSTRUMENTATION=false)", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_GoSwitchedOn_NoLanguageDisabledAndTheSidecarCounts()
    {
        await using var cluster = await StartAsync();
        cluster.InstallWebhook(args: ["--enable-go-instrumentation"]);
        cluster.Instrumentation("shop", "otel", TimeSpan.Zero);
        cluster.Put(cluster.DaemonSets, Workload("DaemonSet", "shop", "agent", s_hour, new() { ["instrumentation.opentelemetry.io/inject-go"] = "true" }));
        var pod = Pod("shop", "agent-x", 2 * s_hour, ("DaemonSet", "agent"));
        pod["spec"]!["containers"]!.AsArray().Add((JsonNode)new JsonObject
        {
            ["name"] = "opentelemetry-auto-instrumentation",
            ["image"] = "ghcr.io/open-telemetry/opentelemetry-go-instrumentation/autoinstrumentation-go:v0.24.0",
        });
        cluster.Put(cluster.Pods, pod);

        var run = await cluster.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public async Task Doctor_LegacyPodWithAnotherImage_InstrumentationChangedNamingBothImages()
    {
        await using var cluster = await StartAsync();
        cluster.InstallWebhook();
        cluster.Instrumentation("shop", "otel", TimeSpan.Zero, javaImage: "example/java:3");
        cluster.Put(cluster.Deployments, Workload("Deployment", "shop", "web", s_hour, new() { ["instrumentation.opentelemetry.io/inject-java"] = "true" }));
        cluster.Put(cluster.ReplicaSets, Owned("ReplicaSet", "shop", "web-1", s_hour, ("Deployment", "web")));
        cluster.Put(cluster.Pods, Pod("shop", "web-1-a", 2 * s_hour, ("ReplicaSet", "web-1"), null, ("opentelemetry-auto-instrumentation-java", "example/java:2")));

        var finding = await OnlyFindingAsync(cluster);

        Assert.Equal("instrumentation-changed", finding.GetProperty("code").GetString());
        Assert.Equal("its pod was injected with agent image example/java:2, and Instrumentation shop/otel now gives example/java:3",
            finding.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Doctor_NamespaceAsks_WorkloadOptsOutOrIsChecked()
    {
        await using var cluster = await StartAsync();
        cluster.InstallWebhook();
        cluster.Instrumentation("shop", "otel", TimeSpan.Zero);
        cluster.Api.Namespaces.Put("""{"metadata":{"name":"shop","annotations":{"instrumentation.opentelemetry.io/inject-python":"true"}}}""");
        cluster.Put(cluster.StatefulSets, Workload("StatefulSet", "shop", "db", s_hour, new() { ["instrumentation.opentelemetry.io/inject-python"] = "false" }));
        cluster.Put(cluster.StatefulSets, Workload("StatefulSet", "shop", "api", s_hour, null));
        cluster.Put(cluster.Pods, Pod("shop", "db-0", 2 * s_hour, ("StatefulSet", "db")));
        cluster.Put(cluster.Pods, Pod("shop", "api-0", 2 * s_hour, ("StatefulSet", "api")));

        var finding = await OnlyFindingAsync(cluster);

        Assert.Equal(("api", "python", "not-injected"),
            (finding.GetProperty("name").GetString(), finding.GetProperty("language").GetString(), finding.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Doctor_TwoInstrumentationsForTrue_AmbiguousNamingThem()
    {
        await using var cluster = await OneDeploymentAsync();
        cluster.InstallWebhook();
        cluster.Instrumentation("shop", "second", TimeSpan.Zero);

        var finding = await OnlyFindingAsync(cluster);

        Assert.Equal("instrumentation-ambiguous", finding.GetProperty("code").GetString());
        Assert.Equal("inject-java=true asks for the only Instrumentation in namespace shop, but there are 2: otel, second; pods are admitted without injection",
            finding.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Doctor_WebhookConfigurationsForbidden_NoteAndNoWebhookFinding()
    {
        await using var cluster = await OneDeploymentAsync();
        cluster.WebhookConfigurations.FailNextList(403);

        var run = await cluster.RunAsync("-o", "json");

        Assert.Equal("otel-webhook doctor: note: cannot list apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations (HTTP 403 Forbidden: "
            + "scripted failure 403); whether the webhook is installed and reachable is not checked\n", run.Errors);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("not-injected", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Doctor_BadMarker_NoteAndJudgedByContainers()
    {
        await using var cluster = await StartAsync();
        cluster.InstallWebhook();
        cluster.Instrumentation("shop", "otel", TimeSpan.Zero);
        cluster.Put(cluster.StatefulSets, Workload("StatefulSet", "shop", "db", s_hour, new() { ["instrumentation.opentelemetry.io/inject-java"] = "true" }));
        cluster.Put(cluster.Pods, Pod("shop", "db-0", 2 * s_hour, ("StatefulSet", "db"), new() { ["instrumentation.opentelemetry.io/injected"] = "{not json" },
            ("opentelemetry-auto-instrumentation-java", "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0")));

        var run = await cluster.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("otel-webhook doctor: note: Pod shop/db-0: metadata.annotations[instrumentation.opentelemetry.io/injected]: value is not JSON (",
            run.Errors, StringComparison.Ordinal);
        Assert.EndsWith("); ignored; judged by its containers\n", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_MarkerWithoutTheLanguage_NotInjectedEvenWithAnInitContainer()
    {
        await using var cluster = await StartAsync();
        cluster.InstallWebhook();
        cluster.Instrumentation("shop", "otel", TimeSpan.Zero);
        cluster.Put(cluster.StatefulSets, Workload("StatefulSet", "shop", "db", s_hour,
            new() { ["instrumentation.opentelemetry.io/inject-java"] = "true", ["instrumentation.opentelemetry.io/inject-python"] = "true" }));
        cluster.Put(cluster.Pods, Pod("shop", "db-0", 2 * s_hour, ("StatefulSet", "db"),
            new() { ["instrumentation.opentelemetry.io/injected"] = """{"java":{"instrumentation":"shop/otel","generation":1}}""" },
            ("opentelemetry-auto-instrumentation-python", "python:1")));

        var finding = await OnlyFindingAsync(cluster);

        Assert.Equal(("python", "not-injected"), (finding.GetProperty("language").GetString(), finding.GetProperty("code").GetString()));
    }
}
