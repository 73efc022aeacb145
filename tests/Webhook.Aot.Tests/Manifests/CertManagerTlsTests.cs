using System.Text.Json.Nodes;
using k8s.Models;

namespace Webhook.Tests.Manifests;

/// <summary>With <c>--cert-manager</c>, cert-manager issues the certificate the Deployment mounts and injects its CA.</summary>
public sealed class CertManagerTlsTests
{
    /// <summary>Fields of cert-manager.io/v1 CertificateSpec the bundle may use (https://cert-manager.io/docs/reference/api-docs/).</summary>
    private static readonly string[] s_certificateSpecFields = ["secretName", "dnsNames", "issuerRef", "privateKey", "duration", "renewBefore", "usages"];

    private static readonly BundleRun s_bundle = BundleRun.Of("--cert-manager");

    [Fact]
    public void CertManager_Webhooks_AskForCaInjectionAndCarryNoBundle()
    {
        var mutating = s_bundle.Model<V1MutatingWebhookConfiguration>("MutatingWebhookConfiguration").Metadata.Annotations;
        var validating = s_bundle.Model<V1ValidatingWebhookConfiguration>("ValidatingWebhookConfiguration").Metadata.Annotations;

        Assert.Equal("opentelemetry-webhook/otel-webhook", mutating["cert-manager.io/inject-ca-from"]);
        Assert.Equal("opentelemetry-webhook/otel-webhook", validating["cert-manager.io/inject-ca-from"]);
        Assert.Null(s_bundle.MutatingWebhook.ClientConfig.CaBundle);
        Assert.Null(s_bundle.ValidatingWebhook.ClientConfig.CaBundle);
        Assert.DoesNotContain(s_bundle.Documents, document => document.Kind == "Secret");
    }

    [Fact]
    public void CertManager_Certificate_IsTheOneTheAnnotationNamesAndWritesTheMountedSecret()
    {
        var certificate = s_bundle.Json("Certificate");
        var volume = Assert.Single(s_bundle.PodSpec.Volumes);
        var reference = s_bundle.Model<V1ValidatingWebhookConfiguration>("ValidatingWebhookConfiguration").Metadata.Annotations["cert-manager.io/inject-ca-from"];

        Assert.Equal("cert-manager.io/v1", certificate["apiVersion"]!.GetValue<string>());
        Assert.Equal(reference, certificate["metadata"]!["namespace"]!.GetValue<string>() + "/" + certificate["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(volume.Secret.SecretName, certificate["spec"]!["secretName"]!.GetValue<string>());
    }

    [Fact]
    public void CertManager_Certificate_CoversTheServiceNamesFromTheBundlesIssuer()
    {
        var certificate = s_bundle.Json("Certificate");
        var issuer = s_bundle.Json("Issuer");
        var service = s_bundle.Service;
        var dnsNames = certificate["spec"]!["dnsNames"]!.AsArray().Select(name => name!.GetValue<string>()).ToList();
        var issuerRef = certificate["spec"]!["issuerRef"]!;

        Assert.Contains(service.Metadata.Name + "." + service.Metadata.NamespaceProperty + ".svc", dnsNames);
        Assert.Contains(service.Metadata.Name + "." + service.Metadata.NamespaceProperty + ".svc.cluster.local", dnsNames);
        Assert.Equal(("cert-manager.io", "Issuer"), (issuerRef["group"]!.GetValue<string>(), issuerRef["kind"]!.GetValue<string>()));
        Assert.Equal(issuer["metadata"]!["name"]!.GetValue<string>(), issuerRef["name"]!.GetValue<string>());
        Assert.Equal(certificate["metadata"]!["namespace"]!.GetValue<string>(), issuer["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public void CertManager_Issuer_IsSelfSigned()
    {
        var issuer = s_bundle.Json("Issuer");

        Assert.Equal("cert-manager.io/v1", issuer["apiVersion"]!.GetValue<string>());
        var spec = Assert.Single(issuer["spec"]!.AsObject());
        Assert.Equal("selfSigned", spec.Key);
    }

    [Fact]
    public void CertManager_CertificateSpec_UsesOnlyCertManagerFields()
    {
        var spec = s_bundle.Json("Certificate")["spec"]!.AsObject();
        var privateKey = spec["privateKey"]!.AsObject();

        Assert.All(spec, member => Assert.Contains(member.Key, s_certificateSpecFields));
        Assert.Equal(("ECDSA", 256), (privateKey["algorithm"]!.GetValue<string>(), privateKey["size"]!.GetValue<int>()));
        Assert.IsType<JsonObject>(spec["issuerRef"]);
    }
}
