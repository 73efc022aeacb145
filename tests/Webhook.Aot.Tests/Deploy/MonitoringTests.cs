using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Webhook.Documents;
using Webhook.Tests.Hosting;

namespace Webhook.Tests.Deploy;

/// <summary>
/// deploy/monitoring: the PrometheusRule has the shape the Prometheus Operator reads and the alerts on-call people need,
/// and every metric it or the Grafana dashboard names is one a running otel-webhook serves on /metrics, spelled as
/// our exporter renders it (counters with _total, histograms as _bucket, _sum and _count).
/// </summary>
public sealed partial class MonitoringTests(MonitoringTests.ServedMetrics served) : IClassFixture<MonitoringTests.ServedMetrics>
{
    private static readonly string s_monitoring = Path.Combine(AppContext.BaseDirectory, "deploy", "monitoring");

    [Fact]
    public void PrometheusRule_HasTheAlertsEachWithSeveritySummaryAndDuration()
    {
        var rules = Rules().ToList();

        Assert.Equal(
            ["OtelWebhookAdmissionSlow", "OtelWebhookCertificateExpiringSoon", "OtelWebhookDown", "OtelWebhookNoSnapshot", "OtelWebhookSnapshotStale", "OtelWebhookWarningsRising"],
            rules.Select(rule => (string)rule["alert"]!).Order(StringComparer.Ordinal));
        foreach (var rule in rules)
        {
            var alert = (string)rule["alert"]!;
            Assert.False(string.IsNullOrWhiteSpace((string?)rule["expr"]), alert + " has no expr");
            Assert.Matches(Duration(), (string?)rule["for"] ?? "");
            Assert.Contains((string?)rule["labels"]?["severity"], (string[])["critical", "warning", "info"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)rule["annotations"]?["summary"]), alert + " has no summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)rule["annotations"]?["description"]), alert + " has no description");
        }
    }

    [Fact]
    public void PrometheusRule_NamesOnlyMetricsTheServerServes()
    {
        foreach (var rule in Rules())
        {
            AssertServed("alert " + rule["alert"], (string)rule["expr"]!);
        }
    }

    [Fact]
    public void GrafanaDashboard_PanelsQueryOnlyMetricsTheServerServes()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(s_monitoring, "grafana-dashboard.json")))!;
        var panels = dashboard["panels"]!.AsArray();

        Assert.NotEmpty(panels);
        Assert.Equal(panels.Count, panels.Select(panel => (int)panel!["id"]!).Distinct().Count());
        Assert.Contains(dashboard["templating"]!["list"]!.AsArray(), variable => (string?)variable!["name"] == "datasource" && (string?)variable["type"] == "datasource");
        foreach (var panel in panels)
        {
            var targets = panel!["targets"]!.AsArray();
            Assert.NotEmpty(targets);
            foreach (var target in targets)
            {
                AssertServed("panel '" + panel["title"] + "'", (string)target!["expr"]!);
            }
        }
    }

    [Fact]
    public void PromQlNames_Expression_NamesMetricsButNotFunctionsLabelsOrKeywords()
    {
        var names = PromQlNames.In("""histogram_quantile(0.99, sum by (le, endpoint) (rate(a_bucket{job="x", ns=~"$ns"}[5m]))) > 0.1 and on (pod) b_total unless c offset 1h""");

        Assert.Equal(["a_bucket", "b_total", "c"], names.Order(StringComparer.Ordinal));
    }

    private void AssertServed(string where, string expression)
    {
        var names = PromQlNames.In(expression);
        Assert.True(names.Count > 0, where + " names no metric: " + expression);
        foreach (var name in names)
        {
            Assert.True(served.Names.Contains(name), where + " reads " + name + ", which /metrics does not serve; it serves " + string.Join(", ", served.Names.Order(StringComparer.Ordinal)));
        }
    }

    private static IEnumerable<JsonNode> Rules()
    {
        var document = Assert.Single(DocumentReader.Read(File.ReadAllText(Path.Combine(s_monitoring, "prometheusrule.yaml")), "prometheusrule.yaml"));
        Assert.Equal("monitoring.coreos.com/v1", document.ApiVersion);
        Assert.Equal("PrometheusRule", document.Kind);
        var groups = JsonNode.Parse(document.Json)!["spec"]!["groups"]!.AsArray();
        Assert.NotEmpty(groups);
        return groups.SelectMany(group => group!["rules"]!.AsArray()).Select(rule => rule!);
    }

    [GeneratedRegex(@"^[0-9]+[smhd]$")]
    private static partial Regex Duration();

    /// <summary>The series names a running server's /metrics has, from its <c># TYPE</c> lines, spelled as a query would.</summary>
    public sealed class ServedMetrics : IAsyncLifetime
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public async Task InitializeAsync()
        {
            await using var host = await RunningHost.StartAsync(RunningHost.DemoInstrumentation);
            // A series appears once it has a point: one injected pod and one that names a missing Instrumentation (a warning).
            var review = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "admission", "java-pod.review.json"));
            await PostAsync(host, review);
            await PostAsync(host, review.Replace("inject-java\":\"true\"", "inject-java\":\"missing\"", StringComparison.Ordinal));
            foreach (var line in (await host.MetricsAsync()).Split('\n'))
            {
                if (line.Split(' ') is ["#", "TYPE", var name, var type])
                {
                    Names.UnionWith(type == "histogram" ? [name + "_bucket", name + "_sum", name + "_count"] : [name]);
                }
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;

        private static async Task PostAsync(RunningHost host, string review)
        {
            using var content = new StringContent(review, System.Text.Encoding.UTF8, "application/json");
            using var response = await host.Client.PostAsync(Webhook.Admission.MutateEndpoint.Path, content);
            response.EnsureSuccessStatusCode();
        }
    }
}
