using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Webhook.Commands;
using static Webhook.Tests.Doctor.DoctorCluster;

namespace Webhook.Tests.Doctor;

/// <summary>What <c>doctor</c> looks at (namespace, all namespaces, one workload), how it reads (pages, the user's token),
/// and how it ends: 0 when nothing is wrong, 1 with findings, 2 for usage, 3 when the cluster cannot be read.</summary>
public sealed class DoctorScopeTests
{
    [Fact]
    public async Task Doctor_HealthyWorkload_ExitsZeroSayingSo()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();

        var run = await cluster.RunAsync("deployment/cart");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("no findings: 1 workload asks for injection in namespace shop and its pods have it\n", run.Output);
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public async Task Doctor_HealthyWorkloadAsJson_PrintsAnEmptyArray()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();

        var run = await cluster.RunAsync("deploy/cart", "-o", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[]\n", run.Output);
    }

    [Fact]
    public async Task Doctor_OneWorkload_ReportsOnlyIt()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();

        var run = await cluster.RunAsync("StatefulSet/ledger", "-o", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var finding = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("instrumentation-changed", finding.GetProperty("code").GetString());
        Assert.Equal("ledger", finding.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Doctor_WorkloadNotThere_ExitsOneNamingIt()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();

        var run = await cluster.RunAsync("deployment/nowhere");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("otel-webhook doctor: Deployment nowhere not found in namespace shop\n", run.Errors);
    }

    [Fact]
    public async Task Doctor_AllNamespaces_AddsOtherNamespacesAndListsClusterWide()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();

        var run = await cluster.RunAsync("-A", "-o", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var gateway = Assert.Single(json.RootElement.EnumerateArray(), f => f.GetProperty("namespace").GetString() == "observability");
        Assert.Equal("instrumentation-missing", gateway.GetProperty("code").GetString());
        Assert.Equal("inject-dotnet=shop/none but there is no Instrumentation none in namespace shop; there are: observability/central, shop/otel",
            gateway.GetProperty("message").GetString());
        Assert.Equal(8, json.RootElement.GetArrayLength());
        Assert.Equal(["/api/v1/pods"], cluster.Pods.Lists.Select(r => r.Path));
    }

    [Fact]
    public async Task Doctor_NamespaceFromContext_ListsOnlyThatNamespaceInPages()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();

        await cluster.RunAsync();

        var list = Assert.Single(cluster.Pods.Lists);
        Assert.Equal("/api/v1/namespaces/shop/pods", list.Path);
        Assert.Equal(500, list.Limit);
        Assert.Equal("Bearer user-token", list.Authorization);
        Assert.All(cluster.Deployments.Lists, r => Assert.NotEqual("/apis/apps/v1/deployments", r.Path));
    }

    [Fact]
    public async Task Doctor_NamespaceFlag_OverridesTheContext()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();

        var run = await cluster.RunAsync("-n", "observability");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Deployment observability/gateway (dotnet): instrumentation-missing\n", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("1 finding; 1 workload asks for injection in namespace observability\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ContextWithoutNamespace_ChecksDefault()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();

        var run = await cluster.RunAsync("--context", "elsewhere");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("no findings: no workload asks for injection in namespace default\n", run.Output);
    }

    [Fact]
    public async Task Doctor_PagedLists_FollowContinue()
    {
        await using var cluster = await StartAsync();
        cluster.InstallWebhook();
        cluster.Instrumentation("shop", "otel", TimeSpan.Zero);
        cluster.Put(cluster.Deployments, Workload("Deployment", "shop", "web", TimeSpan.FromHours(1),
            new() { ["instrumentation.opentelemetry.io/inject-java"] = "true" }));
        cluster.Put(cluster.ReplicaSets, Owned("ReplicaSet", "shop", "web-1", TimeSpan.FromHours(1), ("Deployment", "web")));
        for (var i = 0; i < 501; i++)
        {
            cluster.Put(cluster.Pods, Pod("shop", "web-1-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(1), ("ReplicaSet", "web-1")));
        }

        var run = await cluster.RunAsync("-o", "json");

        Assert.Equal([null, "500"], cluster.Pods.Lists.Select(r => r.Continue));
        using var json = JsonDocument.Parse(run.Output);
        Assert.StartsWith("501 of 501 pods were not injected", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("widget/x", "otel-webhook doctor: unknown kind 'widget'; use one of deployment, statefulset, daemonset, cronjob, job, pod")]
    [InlineData("deployment", "otel-webhook doctor: 'deployment' is not KIND/NAME, e.g. deployment/checkout")]
    [InlineData("deployment/", "otel-webhook doctor: 'deployment/' is not KIND/NAME, e.g. deployment/checkout")]
    [InlineData("-o yaml", "otel-webhook doctor: -o yaml is not a format; use -o text or -o json")]
    [InlineData("-n shop -A", "otel-webhook doctor: -n and -A exclude each other; give one")]
    [InlineData("--namspace shop", "otel-webhook doctor: unknown option '--namspace'")]
    [InlineData("pod/a pod/b", "otel-webhook doctor: one KIND/NAME at most, got 'pod/a pod/b'")]
    [InlineData("-o", "otel-webhook doctor: option '-o' needs a value")]
    public void Doctor_UsageMistake_ExitsTwoSayingWhatToChange(string arguments, string message)
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var code = CommandShell.Run(["doctor", .. arguments.Split(' ')], output, errors);

        Assert.Equal(2, code);
        Assert.StartsWith(message, errors.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Usage_ListsDoctor()
    {
        var output = new StringWriter();

        CommandShell.Run(["--help"], output, new StringWriter());
        CommandShell.Run(["doctor", "--help"], output, new StringWriter());

        Assert.Matches(@"\n  doctor +read-only: for each workload that asks for injection", output.ToString());
        Assert.Contains("usage: otel-webhook doctor [options] [KIND/NAME]", output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"\n  -n, --namespace NS +the namespace to look in \[default: the context's namespace, else default\]", output.ToString());
        Assert.Matches(@"\n  -A, --all-namespaces\[=true\|false\] +look in every namespace", output.ToString());
    }

    [Fact]
    public async Task Doctor_ServerNotListening_ExitsThreeNamingIt()
    {
        await using var cluster = await StartAsync();
        var port = FreePort();
        File.WriteAllText(cluster.Kubeconfig, File.ReadAllText(cluster.Kubeconfig).Replace(cluster.Api.BaseUri.AbsoluteUri.TrimEnd('/'), "http://127.0.0.1:" + port, StringComparison.Ordinal));

        var run = await cluster.RunAsync();

        Assert.Equal(DoctorCommand.ExitUnreachable, run.ExitCode);
        Assert.StartsWith("otel-webhook doctor: cannot read the cluster at http://127.0.0.1:" + port + ": ", run.Errors, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Doctor_WorkloadListRefused_ExitsThreeWithTheServersMessage()
    {
        await using var cluster = await StartAsync();
        cluster.Deployments.FailNextList(403);

        var run = await cluster.RunAsync();

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("otel-webhook doctor: cannot read the cluster at http://127.0.0.1:", run.Errors, StringComparison.Ordinal);
        Assert.Contains("HTTP 403 Forbidden: scripted failure 403", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_KubeconfigMissing_ExitsThreeNamingTheFile()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), "no-such-kubeconfig-" + Guid.NewGuid().ToString("N"));

        var code = await Task.Run(() => CommandShell.Run(["doctor", "--kubeconfig", missing], output, errors));

        Assert.Equal(3, code);
        Assert.StartsWith("otel-webhook doctor: cannot load the kubeconfig " + missing + ": ", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_KubeconfigFromEnvironment_FirstExistingFileOfTheList()
    {
        await using var cluster = await DoctorFindingsTests.EveryCaseAsync();
        var missing = Path.Combine(Path.GetTempPath(), "no-such-kubeconfig-" + Guid.NewGuid().ToString("N"));
        var list = missing + Path.PathSeparator + cluster.Kubeconfig;
        var output = new StringWriter();

        var code = await Task.Run(() => DoctorCommand.Run(["deployment/cart"], output, new StringWriter(), name => name == "KUBECONFIG" ? list : null));

        Assert.Equal(0, code);
        Assert.StartsWith("no findings: 1 workload asks", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_KubeconfigVariableNamesNoFile_ExitsThreeQuotingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-kubeconfig-" + Guid.NewGuid().ToString("N"));
        var errors = new StringWriter();

        var code = await Task.Run(() => DoctorCommand.Run([], new StringWriter(), errors, name => name == "KUBECONFIG" ? missing : null));

        Assert.Equal(3, code);
        Assert.Equal("otel-webhook doctor: cannot load the kubeconfig $KUBECONFIG (" + missing + "): KUBECONFIG names no file that exists: " + missing + "\n",
            errors.ToString().ReplaceLineEndings("\n"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
