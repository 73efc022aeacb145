using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Webhook.Tests.Sources;

/// <summary>Certificate authorities and the server and client certificates they issue, made in memory for TLS tests.</summary>
internal static class TestCertificates
{
    private static readonly Oid s_serverAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid s_clientAuth = new("1.3.6.1.5.5.7.3.2");

    public static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return Persisted(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)));
    }

    /// <summary>A server certificate for <paramref name="dnsName"/>, or for 127.0.0.1 when none is given.</summary>
    public static X509Certificate2 Server(X509Certificate2 authority, string? dnsName = null)
    {
        var names = new SubjectAlternativeNameBuilder();
        if (dnsName is null)
        {
            names.AddIpAddress(IPAddress.Loopback);
        }
        else
        {
            names.AddDnsName(dnsName);
        }

        return Issue(authority, "CN=" + (dnsName ?? "127.0.0.1"), s_serverAuth, names.Build());
    }

    public static X509Certificate2 Client(X509Certificate2 authority, string user) => Issue(authority, "CN=" + user, s_clientAuth, null);

    /// <summary>PEM, base64-encoded: the form of a kubeconfig's <c>client-certificate-data</c>.</summary>
    public static string CertificateData(X509Certificate2 certificate) => Base64(certificate.ExportCertificatePem());

    /// <summary>PEM, base64-encoded: the form of a kubeconfig's <c>client-key-data</c>.</summary>
    public static string KeyData(X509Certificate2 certificate) => Base64(certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, Oid usage, X509Extension? names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        return Persisted(issued.CopyWithPrivateKey(key));
    }

    // TLS on some platforms cannot sign with an ephemeral key; a PKCS#12 round trip gives one it can use.
    private static X509Certificate2 Persisted(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
        }
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
}
