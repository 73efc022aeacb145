using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;

namespace Webhook.Tests.Manifests;

/// <summary>Without cert-manager the bundle carries its own CA: the API server must be able to verify the Service with it.</summary>
public sealed class GeneratedTlsTests
{
    private static readonly BundleRun s_bundle = BundleRun.Of();

    private static readonly string[] s_serviceNames =
        ["otel-webhook.opentelemetry-webhook.svc", "otel-webhook.opentelemetry-webhook.svc.cluster.local", "otel-webhook.opentelemetry-webhook", "otel-webhook"];

    private static V1Secret Secret => s_bundle.Model<V1Secret>("Secret");

    [Fact]
    public void CaBundle_BothWebhooks_CarryTheSecretsCa()
    {
        var ca = Secret.Data["ca.crt"];

        Assert.Equal(ca, s_bundle.MutatingWebhook.ClientConfig.CaBundle);
        Assert.Equal(ca, s_bundle.ValidatingWebhook.ClientConfig.CaBundle);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", Encoding.ASCII.GetString(ca), StringComparison.Ordinal);
    }

    [Fact]
    public void CaBundle_ServingCertificate_BuildsAChainToIt()
    {
        using var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(s_bundle.MutatingWebhook.ClientConfig.CaBundle));
        using var serving = ServingCertificate();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));

        var built = chain.Build(serving);

        Assert.True(built, string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation)));
        Assert.Equal(2, chain.ChainElements.Count);
        Assert.NotEqual(ca.Thumbprint, serving.Thumbprint);
    }

    [Fact]
    public void CaBundle_AnotherRunsCa_DoesNotVerifyThisCertificate()
    {
        var other = BundleRun.Of().Model<V1Secret>("Secret");
        using var foreignCa = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(other.Data["ca.crt"]));
        using var serving = ServingCertificate();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(foreignCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        Assert.False(chain.Build(serving));
    }

    [Fact]
    public void ServingCertificate_SubjectAlternativeNames_CoverTheServiceNames()
    {
        using var serving = ServingCertificate();
        var names = serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();

        Assert.Equal(s_serviceNames.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.All(s_serviceNames, name => Assert.True(serving.MatchesHostname(name), name));
        Assert.False(serving.MatchesHostname("otel-webhook.other.svc"));
    }

    [Fact]
    public void ServingCertificate_Key_IsTheSecretsEcdsaP256Key()
    {
        using var pair = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Secret.Data["tls.crt"]), Encoding.ASCII.GetString(Secret.Data["tls.key"]));
        using var key = pair.GetECDsaPrivateKey();

        Assert.NotNull(key);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key!.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal("kubernetes.io/tls", Secret.Type);
    }

    [Fact]
    public void ServingCertificate_Validity_IsOneYearFromNow()
    {
        using var serving = ServingCertificate();
        using var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Secret.Data["ca.crt"]));
        var now = DateTime.UtcNow;

        Assert.InRange(serving.NotBefore.ToUniversalTime(), now.AddHours(-1), now);
        Assert.InRange(serving.NotAfter.ToUniversalTime(), now.AddDays(365).AddHours(-1), now.AddDays(365).AddHours(1));
        Assert.True(ca.NotAfter >= serving.NotAfter);
    }

    [Fact]
    public void ServingCertificate_Usage_IsServerOnlyAndNotACa()
    {
        using var serving = ServingCertificate();
        using var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Secret.Data["ca.crt"]));

        Assert.False(serving.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], serving.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(oid => oid.Value));
    }

    [Fact]
    public void Output_GeneratedCertificate_IsAnnouncedWithItsExpiryInAComment()
    {
        using var serving = ServingCertificate();
        var expiry = serving.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("# A CA and a serving certificate (ECDSA P-256) generated by `otel-webhook manifests`, valid for 1 year:", s_bundle.Output, StringComparison.Ordinal);
        Assert.Contains("# until " + expiry, s_bundle.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cert-manager.io", s_bundle.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", Encoding.ASCII.GetString(Secret.Data["ca.crt"]), StringComparison.Ordinal);
    }

    private static X509Certificate2 ServingCertificate() => X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Secret.Data["tls.crt"]));
}
