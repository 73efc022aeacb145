using System.Runtime.InteropServices;
using Webhook.Manifests;
using Webhook.Observability;

namespace Webhook.Tests.Observability;

/// <summary>The series alerts are written on: build info, certificate expiry, last snapshot, requests in flight.</summary>
public sealed class AlertingMetricsTests
{
    [Fact]
    public void Render_BuildInfo_IsOneWithTheReleaseVersionAndRuntime()
    {
        using var metrics = new WebhookMetrics(() => null, () => 0, () => 0);
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, TelemetrySettings.None, "test");
        var exporter = telemetry.Prometheus;

        var line = SampleLine(exporter.Render(), WebhookMetrics.BuildInfo);

        Assert.StartsWith(WebhookMetrics.BuildInfo + "{", line, StringComparison.Ordinal);
        Assert.EndsWith("} 1", line, StringComparison.Ordinal);
        Assert.Contains("version=\"" + ReleaseVersion.Current + "\"", line, StringComparison.Ordinal);
        Assert.Contains("revision=\"", line, StringComparison.Ordinal);
        Assert.Contains("runtime=\"" + RuntimeInformation.FrameworkDescription + "\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BeforeTheFirstSnapshot_HasNoSnapshotPointThenTheTimestamp()
    {
        DateTimeOffset? publishedAt = null;
        using var metrics = new WebhookMetrics(() => publishedAt, () => 0, () => 0);
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, TelemetrySettings.None, "test");
        var exporter = telemetry.Prometheus;

        var before = exporter.Render();
        publishedAt = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);
        var after = exporter.Render();

        Assert.Null(SampleLineOrNull(before, WebhookMetrics.SnapshotLastSuccess));
        Assert.Equal(WebhookMetrics.SnapshotLastSuccess + " 1780000000", SampleLine(after, WebhookMetrics.SnapshotLastSuccess));
        Assert.DoesNotContain("otel_webhook_snapshot_age_seconds", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CertificateNotAfter_FollowsTheCurrentCertificate()
    {
        var notAfter = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        using var metrics = new WebhookMetrics(() => null, () => 0, () => 0, certificateNotAfter: () => notAfter);
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, TelemetrySettings.None, "test");
        var exporter = telemetry.Prometheus;

        var first = SampleLine(exporter.Render(), WebhookMetrics.CertificateExpiry);
        notAfter = DateTimeOffset.FromUnixTimeSeconds(1_810_000_000);
        var second = SampleLine(exporter.Render(), WebhookMetrics.CertificateExpiry);

        Assert.Equal(WebhookMetrics.CertificateExpiry + " 1800000000", first);
        Assert.Equal(WebhookMetrics.CertificateExpiry + " 1810000000", second);
    }

    [Fact]
    public void Render_RequestsInFlight_CountsStartedLessFinishedPerEndpoint()
    {
        using var metrics = new WebhookMetrics(() => null, () => 0, () => 0);
        using var telemetry = WebhookTelemetry.Start(metrics.Meter, TelemetrySettings.None, "test");
        var exporter = telemetry.Prometheus;

        metrics.RequestStarted("/mutate-v1-pod");
        metrics.RequestStarted("/mutate-v1-pod");
        metrics.RequestStarted("/validate-v1alpha1-instrumentation");
        metrics.RequestFinished("/mutate-v1-pod");
        metrics.RequestFinished("/validate-v1alpha1-instrumentation");
        var text = exporter.Render();

        Assert.Contains("# TYPE " + WebhookMetrics.InFlight + " gauge\n", text, StringComparison.Ordinal);
        Assert.Contains(WebhookMetrics.InFlight + "{endpoint=\"/mutate-v1-pod\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains(WebhookMetrics.InFlight + "{endpoint=\"/validate-v1alpha1-instrumentation\"} 0\n", text, StringComparison.Ordinal);
    }

    /// <summary>The one sample line of a series, e.g. <c>name{labels} 1</c>.</summary>
    public static string SampleLine(string text, string name) =>
        SampleLineOrNull(text, name) ?? throw new Xunit.Sdk.XunitException("no sample of " + name + " in:\n" + text);

    public static string? SampleLineOrNull(string text, string name) =>
        text.Split('\n').SingleOrDefault(line => line.StartsWith(name + " ", StringComparison.Ordinal) || line.StartsWith(name + "{", StringComparison.Ordinal));
}
