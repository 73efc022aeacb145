using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using Webhook.Manifests;

namespace Webhook.Tests.Manifests;

/// <summary>
/// <c>manifests --cert-dir DIR</c>: the first run keeps the CA and certificate it makes in DIR, every later run prints
/// the same bundle from them, and a folder whose files no longer fit the install is refused with what to do.
/// </summary>
public sealed class CertDirTests : IDisposable
{
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("otel-webhook-certdir-").FullName, "certs");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    [Fact]
    public void CertDir_TwoRuns_PrintTheSameBundle()
    {
        var first = BundleRun.Of("--cert-dir", _folder);
        var second = BundleRun.Of("--cert-dir", _folder);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, second.Output);
        Assert.NotEqual(BundleRun.Of().Output, BundleRun.Of().Output);
    }

    [Fact]
    public void CertDir_FirstRun_KeepsWhatTheSecretAndTheWebhooksCarry()
    {
        var run = BundleRun.Of("--cert-dir", _folder);
        var secret = run.Model<V1Secret>("Secret");

        Assert.Equal(File.ReadAllText(Path.Combine(_folder, "tls.crt")), Encoding.ASCII.GetString(secret.Data["tls.crt"]));
        Assert.Equal(File.ReadAllText(Path.Combine(_folder, "tls.key")), Encoding.ASCII.GetString(secret.Data["tls.key"]));
        Assert.Equal(File.ReadAllText(Path.Combine(_folder, "ca.crt")), Encoding.ASCII.GetString(run.MutatingWebhook.ClientConfig.CaBundle));
        Assert.Equal(File.ReadAllText(Path.Combine(_folder, "ca.crt")), Encoding.ASCII.GetString(run.ValidatingWebhook.ClientConfig.CaBundle));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "tls.key")));
        }
    }

    [Fact]
    public void CertDir_FilesPutThereBefore_AreTheOnesUsed()
    {
        var kept = GeneratedCertificates.Create("otel-webhook.opentelemetry-webhook.svc", ["otel-webhook.opentelemetry-webhook.svc"], DateTimeOffset.UtcNow.AddDays(-30));
        Keep(kept);

        var run = BundleRun.Of("--cert-dir", _folder);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(kept.CertificatePem, Encoding.ASCII.GetString(run.Model<V1Secret>("Secret").Data["tls.crt"]));
        Assert.Contains("until " + kept.NotAfter.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CertDir_MissingKey_IsRefusedNamingTheFile()
    {
        BundleRun.Of("--cert-dir", _folder);
        File.Delete(Path.Combine(_folder, "tls.key"));

        var run = BundleRun.Of("--cert-dir", _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("holds ca.crt and tls.crt but not tls.key", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void CertDir_MadeForAnotherNamespace_IsRefused()
    {
        BundleRun.Of("--cert-dir", _folder);

        var run = BundleRun.Of("--cert-dir", _folder, "--namespace", "elsewhere");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tls.crt does not name otel-webhook.elsewhere.svc", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void CertDir_Expired_IsRefusedWithHowToRenew()
    {
        Keep(GeneratedCertificates.Create("otel-webhook.opentelemetry-webhook.svc", ["otel-webhook.opentelemetry-webhook.svc"], DateTimeOffset.UtcNow.AddDays(-400)));

        var run = BundleRun.Of("--cert-dir", _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tls.crt expired on ", run.Errors, StringComparison.Ordinal);
        Assert.Contains("remove ca.crt, tls.crt, tls.key", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void CertDir_CaOfAnotherPair_IsRefused()
    {
        var names = (string[])["otel-webhook.opentelemetry-webhook.svc"];
        var pair = GeneratedCertificates.Create(names[0], names, DateTimeOffset.UtcNow);
        Keep(pair with { CaPem = GeneratedCertificates.Create(names[0], names, DateTimeOffset.UtcNow).CaPem });

        var run = BundleRun.Of("--cert-dir", _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tls.crt was not signed by ca.crt", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void CertDir_WithCertManager_IsAUsageError()
    {
        var run = BundleRun.Of("--cert-dir", _folder, "--cert-manager");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("choose one of them", run.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder));
    }

    private void Keep(GeneratedCertificates certificates)
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "ca.crt"), certificates.CaPem);
        File.WriteAllText(Path.Combine(_folder, "tls.crt"), certificates.CertificatePem);
        File.WriteAllText(Path.Combine(_folder, "tls.key"), certificates.KeyPem);
    }
}
