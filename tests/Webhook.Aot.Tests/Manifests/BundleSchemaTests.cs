using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Webhook.Tests.Manifests;

/// <summary>Both bundles are objects the API server accepts: every Kubernetes kind reads strictly into its model.</summary>
public sealed class BundleSchemaTests
{
    public static TheoryData<string[]> Bundles => new() { Array.Empty<string>(), new[] { "--cert-manager" }, new[] { "--service-monitor", "--telemetry-collector" } };

    [Theory]
    [MemberData(nameof(Bundles))]
    public void Manifests_EachKubernetesKind_ReadsStrictlyIntoItsModel(string[] arguments)
    {
        var run = BundleRun.Of(arguments);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Errors);
        Assert.All(run.Documents.Where(document => KubernetesModels.ModelFor(document.Kind) is null),
            document => Assert.Contains(document.ApiVersion, (string[])["cert-manager.io/v1", "monitoring.coreos.com/v1"]));
        foreach (var document in run.Documents.Where(document => KubernetesModels.ModelFor(document.Kind) is not null))
        {
            var model = KubernetesModels.Parse(document, KubernetesModels.ModelFor(document.Kind)!);
            Assert.IsAssignableFrom<k8s.IKubernetesObject>(model);
        }
    }

    [Fact]
    public void StrictModels_UnknownField_AreRejected()
    {
        const string json = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"replicaz":2}}""";

        var error = Assert.Throws<JsonException>(() => KubernetesModels.Parse<V1Deployment>(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Contains("replicaz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifests_WithoutCertManager_HoldsTheKindsInApplyOrder()
    {
        var run = BundleRun.Of();

        Assert.Equal(
            ["Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Secret", "Deployment",
             "PodDisruptionBudget", "Service", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
            run.Documents.Select(document => document.Kind));
    }

    [Fact]
    public void Manifests_WithCertManager_HoldsIssuerAndCertificateInsteadOfTheSecret()
    {
        var run = BundleRun.Of("--cert-manager");

        Assert.Equal(
            ["Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Issuer", "Certificate", "Deployment",
             "PodDisruptionBudget", "Service", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
            run.Documents.Select(document => document.Kind));
    }

    [Fact]
    public void Manifests_Crd_IsTheSchemaFileUnchanged()
    {
        var schema = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "schema", "instrumentation.crd.json"));

        Assert.Equal(schema, Webhook.Manifests.CrdManifest.Create().Json.ToArray());
        var printed = BundleRun.Of().Json("CustomResourceDefinition");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema), printed), "the printed CRD differs from instrumentation.crd.json");
        Assert.Equal("instrumentations.opentelemetry.io", printed["metadata"]!["name"]!.GetValue<string>());
    }
}
