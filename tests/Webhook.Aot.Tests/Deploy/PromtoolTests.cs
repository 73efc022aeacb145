using System.Diagnostics;
using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Tests.Support;

namespace Webhook.Tests.Deploy;

/// <summary>
/// deploy/monitoring/prometheusrule.yaml checked by Prometheus' own promtool: its rule groups (the PrometheusRule's
/// spec, which is what the Prometheus Operator hands Prometheus) load, and deploy/monitoring/prometheusrule.test.yaml
/// fires the webhook-down and certificate-expiry alerts on synthetic series, with their rendered annotations.
/// </summary>
public sealed class PromtoolTests : IDisposable
{
    private static readonly string s_monitoring = Path.Combine(AppContext.BaseDirectory, "deploy", "monitoring");

    private readonly string _folder = Directory.CreateTempSubdirectory("promtool-").FullName;

    [ToolFact("prometheus", "promtool")]
    public void CheckRules_RuleGroupsOfThePrometheusRule_LoadEveryRule()
    {
        var (rules, count) = WriteRuleGroups();

        var output = Promtool("check", "rules", rules);

        Assert.Contains("SUCCESS: " + count + " rules found", output, StringComparison.Ordinal);
    }

    [ToolFact("prometheus", "promtool")]
    public void TestRules_UnitTestFile_FiresWebhookDownAndCertificateExpiring()
    {
        WriteRuleGroups();
        var tests = Path.Combine(_folder, "prometheusrule.test.yaml");
        File.Copy(Path.Combine(s_monitoring, "prometheusrule.test.yaml"), tests);
        var text = File.ReadAllText(tests);
        Assert.Contains("alertname: OtelWebhookDown", text, StringComparison.Ordinal);
        Assert.Contains("alertname: OtelWebhookCertificateExpiringSoon", text, StringComparison.Ordinal);

        var output = Promtool("test", "rules", tests);

        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The PrometheusRule's spec as a rule file (JSON, which YAML readers take), under the name the unit tests load; and its number of rules.</summary>
    private (string Path, int Rules) WriteRuleGroups()
    {
        var document = Assert.Single(DocumentReader.Read(File.ReadAllText(Path.Combine(s_monitoring, "prometheusrule.yaml")), "prometheusrule.yaml"));
        var spec = JsonNode.Parse(document.Json)!["spec"]!;
        var path = Path.Combine(_folder, "prometheusrule.rules.yaml");
        File.WriteAllText(path, spec.ToJsonString());
        return (path, spec["groups"]!.AsArray().Sum(static group => group!["rules"]!.AsArray().Count));
    }

    /// <summary>Runs promtool in the test's folder; fails with its output unless it exits 0.</summary>
    private string Promtool(params string[] arguments)
    {
        var start = new ProcessStartInfo(InstalledTool.Require("promtool", "prometheus"), arguments)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("promtool " + string.Join(' ', arguments) + " did not finish within 120 s");
        }

        var all = output.Result + errors.Result;
        Assert.True(process.ExitCode == 0, "promtool " + string.Join(' ', arguments) + " exited " + process.ExitCode + ":\n" + all);
        return all;
    }
}
