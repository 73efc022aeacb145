using Microsoft.Extensions.Logging.Abstractions;
using Webhook.Tls;

namespace Webhook.Tests.Tls;

public sealed class CertificateReloaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("otel-webhook-certs-").FullName;

    [Fact]
    public void Start_EmptyFolder_WritesASelfSignedPairAndServesIt()
    {
        using var reloader = new CertificateReloader(_folder, NullLogger.Instance);

        reloader.Start(TimeSpan.FromHours(1), ["otel-webhook.demo.svc"]);

        Assert.True(File.Exists(Path.Combine(_folder, "tls.crt")));
        Assert.True(File.Exists(Path.Combine(_folder, "tls.key")));
        Assert.NotNull(reloader.Current);
        Assert.True(reloader.Current!.HasPrivateKey);
        Assert.Contains("otel-webhook.demo.svc", reloader.Current.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.DnsName, false)
            + string.Join(",", reloader.Current.Extensions.Select(e => e.Format(false))));
    }

    [Fact]
    public void Start_EmptyFolder_WritesTheKeyReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix file modes
        }

        using var reloader = new CertificateReloader(_folder, NullLogger.Instance);

        reloader.Start(TimeSpan.FromHours(1), []);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "tls.key")));
    }

    [Fact]
    public void TryReload_FilesReplaced_ServesTheNewCertificate()
    {
        using var reloader = new CertificateReloader(_folder, NullLogger.Instance);
        reloader.Start(TimeSpan.FromHours(1), []);
        var first = reloader.Current!.Thumbprint;
        var (certificate, key) = SelfSignedCertificate.Create(["replacement"]);
        File.WriteAllText(Path.Combine(_folder, "tls.key"), key);
        File.WriteAllText(Path.Combine(_folder, "tls.crt"), certificate);

        Assert.True(reloader.TryReload(out _));

        Assert.NotEqual(first, reloader.Current!.Thumbprint);
    }

    [Fact]
    public void TryReload_BrokenFiles_KeepsThePreviousCertificate()
    {
        using var reloader = new CertificateReloader(_folder, NullLogger.Instance);
        reloader.Start(TimeSpan.FromHours(1), []);
        var first = reloader.Current!.Thumbprint;
        File.WriteAllText(Path.Combine(_folder, "tls.crt"), "not a certificate");

        Assert.False(reloader.TryReload(out var problem));

        Assert.NotNull(problem);
        Assert.Equal(first, reloader.Current!.Thumbprint);
    }

    [Fact]
    public void Start_UnwritableFolder_ThrowsNamingTheFolder()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "x");
        using var reloader = new CertificateReloader(Path.Combine(file, "certs"), NullLogger.Instance);

        var error = Assert.Throws<InvalidOperationException>(() => reloader.Start(TimeSpan.FromHours(1), []));

        Assert.Contains(Path.Combine(file, "certs"), error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
