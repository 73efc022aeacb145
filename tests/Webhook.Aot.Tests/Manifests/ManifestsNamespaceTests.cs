using System.Text.Json.Nodes;
using k8s.Models;

namespace Webhook.Tests.Manifests;

/// <summary><c>--namespace</c> moves the whole install: no object, reference or certificate name keeps the default.</summary>
public sealed class ManifestsNamespaceTests
{
    private static readonly string[] s_clusterScoped =
        ["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    public static TheoryData<string[]> Bundles => new() { new[] { "--namespace", "observability" }, new[] { "--namespace=observability", "--cert-manager" } };

    [Theory]
    [MemberData(nameof(Bundles))]
    public void Namespace_Option_ReplacesTheDefaultEverywhere(string[] arguments)
    {
        var run = BundleRun.Of(arguments);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("opentelemetry-webhook", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public void Namespace_Option_PutsEveryNamespacedObjectThere(string[] arguments)
    {
        var run = BundleRun.Of(arguments);

        Assert.All(run.Documents, document =>
            Assert.Equal(s_clusterScoped.Contains(document.Kind) ? null : "observability", document.Namespace));
        Assert.Equal("observability", run.Single("Namespace").Name);
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public void Namespace_Option_MovesEveryReferenceToTheNamespace(string[] arguments)
    {
        var run = BundleRun.Of(arguments);
        var subject = Assert.Single(run.Model<V1ClusterRoleBinding>("ClusterRoleBinding").Subjects);
        var excluded = Assert.Single(run.MutatingWebhook.NamespaceSelector.MatchExpressions).Values;

        Assert.Equal("observability", subject.NamespaceProperty);
        Assert.Equal("observability", run.MutatingWebhook.ClientConfig.Service.NamespaceProperty);
        Assert.Equal("observability", run.ValidatingWebhook.ClientConfig.Service.NamespaceProperty);
        Assert.Equal(["kube-system", "observability"], excluded);
    }

    [Fact]
    public void Namespace_Option_NamesTheCertificateForTheNewServiceHost()
    {
        var generated = BundleRun.Of("--namespace", "observability");
        var certManager = BundleRun.Of("--namespace", "observability", "--cert-manager");
        using var serving = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            System.Text.Encoding.ASCII.GetString(generated.Model<V1Secret>("Secret").Data["tls.crt"]));

        Assert.True(serving.MatchesHostname("otel-webhook.observability.svc"));
        Assert.Contains("otel-webhook.observability.svc", certManager.Json("Certificate")["spec"]!["dnsNames"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal("observability/otel-webhook", certManager.Model<V1MutatingWebhookConfiguration>("MutatingWebhookConfiguration").Metadata.Annotations["cert-manager.io/inject-ca-from"]);
    }

    [Fact]
    public void Namespace_KubeSystem_IsExcludedOnce()
    {
        var run = BundleRun.Of("--namespace", "kube-system");

        Assert.Equal(["kube-system"], Assert.Single(run.MutatingWebhook.NamespaceSelector.MatchExpressions).Values);
    }
}
