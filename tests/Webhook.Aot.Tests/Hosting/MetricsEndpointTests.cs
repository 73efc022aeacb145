using System.IO.Pipelines;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Webhook.Admission;
using Webhook.Manifests;
using Webhook.Observability;
using Webhook.Tests.Observability;

namespace Webhook.Tests.Hosting;

/// <summary>
/// GET /metrics of the real server: the series alerts and dashboards are written on carry what the server is doing,
/// not what a test handed to <see cref="WebhookMetrics"/>.
/// </summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    private RunningHost _host = null!;
    private DateTimeOffset _startedAfter;

    public async Task InitializeAsync()
    {
        _startedAfter = DateTimeOffset.UtcNow.AddSeconds(-1);
        _host = await RunningHost.StartAsync(RunningHost.DemoInstrumentation);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Metrics_BuildInfo_NamesTheReleaseVersion()
    {
        var line = AlertingMetricsTests.SampleLine(await _host.MetricsAsync(), WebhookMetrics.BuildInfo);

        Assert.Contains("version=\"" + ReleaseVersion.Current + "\"", line, StringComparison.Ordinal);
        Assert.EndsWith("} 1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_SnapshotLastSuccess_IsWhenTheFolderWasLoaded()
    {
        var published = Seconds(await _host.MetricsAsync(), WebhookMetrics.SnapshotLastSuccess);

        Assert.InRange(published, _startedAfter.ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
    }

    [Fact]
    public async Task Metrics_CertificateExpiry_IsTheServingCertificatesNotAfterAndFollowsAReload()
    {
        using var served = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_host.CertDir, "tls.crt")));
        Assert.Equal(new DateTimeOffset(served.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(), Seconds(await _host.MetricsAsync(), WebhookMetrics.CertificateExpiry));

        // A renewed pair (as cert-manager writes one into the mounted Secret) that ends 100 days earlier.
        var renewed = GeneratedCertificates.Create("otel-webhook", ["otel-webhook"], DateTimeOffset.UtcNow.AddDays(-100));
        await File.WriteAllTextAsync(Path.Combine(_host.CertDir, "tls.key"), renewed.KeyPem);
        await File.WriteAllTextAsync(Path.Combine(_host.CertDir, "tls.crt"), renewed.CertificatePem);
        using var expected = X509Certificate2.CreateFromPem(renewed.CertificatePem);

        var seen = await WaitForAsync(WebhookMetrics.CertificateExpiry, value => value == new DateTimeOffset(expected.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
        Assert.True(seen, "the expiry gauge did not follow the reloaded certificate within " + s_patience.TotalSeconds + " s");
    }

    [Fact]
    public async Task Metrics_RequestInFlight_CountsAnAdmissionUntilItIsAnswered()
    {
        var body = new Pipe();
        using var content = new StreamContent(body.Reader.AsStream());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var answer = _host.Client.PostAsync(MutateEndpoint.Path, content);
        var review = Encoding.UTF8.GetBytes(
            """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"in-flight","kind":{"group":"","version":"v1","kind":"Pod"},"operation":"CREATE","namespace":"demo","object":{"metadata":{"name":"p"},"spec":{"containers":[{"name":"app","image":"app"}]}}}}""");
        await body.Writer.WriteAsync(review.AsMemory(0, 20));

        var inFlight = WebhookMetrics.InFlight + "{endpoint=\"" + MutateEndpoint.Path + "\"}";
        Assert.True(await WaitForAsync(inFlight, value => value == 1), "the held-open admission was not counted in flight");

        await body.Writer.WriteAsync(review.AsMemory(20));
        await body.Writer.CompleteAsync();
        using var response = await answer;
        Assert.Contains("\"uid\":\"in-flight\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await WaitForAsync(inFlight, value => value == 0), "the answered admission was still counted in flight");
    }

    /// <summary>
    /// Two per-request instruments of the built-in meters are left out, to spare their cost on every admission (the
    /// webhook's own series count the same): Kestrel's queued HTTP/2 streams and hosting's active requests. The rest of
    /// those meters is still served, the request duration by route and the connections among it.
    /// </summary>
    [Fact]
    public async Task Metrics_AfterAnAdmissionOverHttp2_LeaveOutQueuedAndActiveRequestsAndServeTheRestOfTheBuiltInMeters()
    {
        var (status, _) = await _host.PostAsync(MutateEndpoint.Path,
            """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"left-out","kind":{"group":"","version":"v1","kind":"Pod"},"operation":"CREATE","namespace":"demo","object":{"metadata":{"name":"p"},"spec":{"containers":[{"name":"app","image":"app"}]}}}}""");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);

        var text = await _host.MetricsAsync();

        Assert.Contains("http_server_request_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"" + MutateEndpoint.Path + "\"", text, StringComparison.Ordinal);
        Assert.Contains("kestrel_active_connections{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kestrel_queued_requests", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http_server_active_requests", text, StringComparison.Ordinal);
    }

    /// <summary>Scrapes until <paramref name="series"/> (a name, with its labels when it has any) has a value that satisfies <paramref name="condition"/>.</summary>
    private async Task<bool> WaitForAsync(string series, Func<double, bool> condition)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (DateTime.UtcNow < deadline)
        {
            if (Value(await _host.MetricsAsync(), series) is { } value && condition(value))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static double Seconds(string text, string name) =>
        Value(text, name) ?? throw new Xunit.Sdk.XunitException("no sample of " + name + " in:\n" + text);

    private static double? Value(string text, string series) =>
        text.Split('\n').FirstOrDefault(line => line.StartsWith(series + " ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
