using System.Diagnostics;
using System.Net.Http.Headers;
using Webhook.Admission;
using Webhook.Observability;
using Webhook.Tests.Hosting;
using Webhook.Tests.Support;

namespace Webhook.Tests.Observability;

/// <summary>
/// The webhook's own telemetry as a collector receives it: OTLP/HTTP into an in-test receiver, decoded just enough to
/// read resource attributes, metric names and span attributes. Disposing the SDK flushes, so no test waits for an
/// export interval.
/// </summary>
public sealed class OtlpExportTests
{

    [Fact]
    public void Dispose_EndpointSet_ExportsTheWebhookAndRuntimeMetricsAsServiceOtelWebhook()
    {
        using var receiver = new OtlpReceiver();
        using var metrics = new WebhookMetrics(() => DateTimeOffset.FromUnixTimeSeconds(3), () => 1, () => 0);
        var telemetry = WebhookTelemetry.Start(metrics.Meter, Settings(receiver), "1.2.3");

        metrics.Request(MutateEndpoint.Path, AdmissionOutcome.Patched, 0.002);
        telemetry.Dispose();

        var resource = Assert.Single(receiver.Metrics);
        Assert.Equal("otel-webhook", resource.Attributes["service.name"]);
        Assert.Equal("1.2.3", resource.Attributes["service.version"]);
        var names = resource.Items.Select(i => (i.Scope, Name: i.Item.String(1))).ToList();
        Assert.Contains(("otel-webhook", WebhookMetrics.Requests), names);
        Assert.Contains(("otel-webhook", WebhookMetrics.Duration), names);
        Assert.Contains(("otel-webhook", WebhookMetrics.SnapshotLastSuccess), names);
        Assert.Contains(("System.Runtime", "dotnet.gc.collections"), names);
        Assert.Contains(("System.Runtime", "dotnet.process.memory.working_set"), names);
    }

    [Fact]
    public void Dispose_OtelServiceNameAndResourceAttributes_NameTheService()
    {
        using var receiver = new OtlpReceiver();
        using var metrics = new WebhookMetrics(() => null, () => 0, () => 0);
        var telemetry = WebhookTelemetry.Start(metrics.Meter, Settings(receiver,
            ("OTEL_SERVICE_NAME", "webhook-eu"), ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=staging,k8s.cluster.name=eu-1")), "1.2.3");

        telemetry.Dispose();

        var resource = Assert.Single(receiver.Metrics);
        Assert.Equal("webhook-eu", resource.Attributes["service.name"]);
        Assert.Equal("staging", resource.Attributes["deployment.environment.name"]);
        Assert.Equal("eu-1", resource.Attributes["k8s.cluster.name"]);
    }

    [Fact]
    public void Dispose_SignalSpecificEndpointAndProtocol_PostToThatUrlAsGiven()
    {
        using var receiver = new OtlpReceiver();
        using var metrics = new WebhookMetrics(() => null, () => 0, () => 0);
        var telemetry = WebhookTelemetry.Start(metrics.Meter, new TelemetrySettings(new Dictionary<string, string>
        {
            [TelemetrySettings.MetricsEndpoint] = receiver.Endpoint + "/custom/metrics",
            ["OTEL_EXPORTER_OTLP_METRICS_PROTOCOL"] = "http/protobuf",
        }), "1.2.3");

        telemetry.Dispose();

        Assert.Equal(["/custom/metrics"], receiver.Paths.Distinct());
    }

    /// <summary>
    /// One admission through the real server with tracing asked for: one server span, child of the API server's
    /// traceparent, with the decision as attributes; and ASP.NET Core's and Kestrel's metrics beside the webhook's.
    /// </summary>
    [Fact]
    public async Task Admission_TracesAskedFor_ExportsOneServerSpanWithTheDecision()
    {
        using var receiver = new OtlpReceiver();
        var uid = UniqueUid();
        var host = await RunningHost.StartAsync(RunningHost.DemoInstrumentation, telemetry: Settings(receiver, (TelemetrySettings.TracesExporter, "otlp"), ("OTEL_TRACES_SAMPLER", "parentbased_always_on")));
        var parent = ActivityContext.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
        try
        {
            await PostReviewAsync(host, uid, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        }
        finally
        {
            await host.DisposeAsync();
        }

        var spans = receiver.Traces.SelectMany(r => r.Items).Where(i => i.Scope == "otel-webhook").Select(i => i.Item).ToList();
        var span = Assert.Single(spans, s => OtlpAttributes.Of(s.Messages(9)).GetValueOrDefault("otel_webhook.admission.uid") == uid);
        Assert.Equal(MutateEndpoint.SpanName, span.String(5));
        Assert.Equal(2UL, span.Scalar(6)); // SPAN_KIND_SERVER
        Assert.Equal(parent.TraceId.ToHexString(), Convert.ToHexStringLower(span.Bytes(1)));
        Assert.Equal(parent.SpanId.ToHexString(), Convert.ToHexStringLower(span.Bytes(4)));
        var attributes = OtlpAttributes.Of(span.Messages(9));
        Assert.Equal("patched", attributes["otel_webhook.admission.outcome"]);
        Assert.Equal("java", attributes["otel_webhook.admission.languages"]);
        Assert.Equal("demo", attributes["k8s.namespace.name"]);
        Assert.Equal("shop-7c9d8f6b5-*", attributes["k8s.pod.name"]);
        Assert.Equal("200", attributes["http.response.status_code"]);

        var metricNames = receiver.Metrics.SelectMany(r => r.Items).Select(i => (i.Scope, Name: i.Item.String(1))).ToList();
        Assert.Contains(("otel-webhook", WebhookMetrics.Requests), metricNames);
        Assert.Contains(("Microsoft.AspNetCore.Hosting", "http.server.request.duration"), metricNames);
        Assert.Contains(("Microsoft.AspNetCore.Server.Kestrel", "kestrel.active_connections"), metricNames);
    }

    [Fact]
    public async Task Admission_SamplerAlwaysOff_ExportsNoSpanButStillMetrics()
    {
        using var receiver = new OtlpReceiver();
        var uid = UniqueUid();
        var host = await RunningHost.StartAsync(RunningHost.DemoInstrumentation, telemetry: Settings(receiver, (TelemetrySettings.TracesExporter, "otlp"), ("OTEL_TRACES_SAMPLER", "always_off")));
        try
        {
            await PostReviewAsync(host, uid, traceparent: null);
        }
        finally
        {
            await host.DisposeAsync();
        }

        Assert.NotEmpty(receiver.Metrics);
        Assert.DoesNotContain(receiver.Traces.SelectMany(r => r.Items), i => i.Scope == "otel-webhook"
            && OtlpAttributes.Of(i.Item.Messages(9)).GetValueOrDefault("otel_webhook.admission.uid") == uid);
    }

    /// <summary>A uid no other test sends: the span source is the process's, so a server of another test running alongside makes spans too.</summary>
    private static string UniqueUid() => "otlp-" + Guid.NewGuid().ToString("n");

    /// <summary>The Java pod of tests/testdata/admission under <paramref name="uid"/>.</summary>
    private static async Task PostReviewAsync(RunningHost host, string uid, string? traceparent)
    {
        var review = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "admission", "java-pod.review.json"));
        using var request = new HttpRequestMessage(HttpMethod.Post, MutateEndpoint.Path)
        {
            Content = new StringContent(review.Replace("e2e-java-0001", uid, StringComparison.Ordinal)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        using var response = await host.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>OTLP over HTTP to the receiver, with an export interval long enough that only the flush on dispose exports.</summary>
    private static TelemetrySettings Settings(OtlpReceiver receiver, params (string Name, string Value)[] more)
    {
        var variables = new Dictionary<string, string>
        {
            [TelemetrySettings.Endpoint] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "600000",
        };
        foreach (var (name, value) in more)
        {
            variables[name] = value;
        }

        return new TelemetrySettings(variables);
    }
}
