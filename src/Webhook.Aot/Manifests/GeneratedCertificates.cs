using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Webhook.Manifests;

/// <summary>
/// A CA and a serving certificate it signed, for installs without cert-manager: ECDSA P-256, valid one year. The CA's
/// private key is dropped once the serving certificate is signed, so nothing can issue further certificates that the
/// API server would trust for this webhook; renewing means generating a new pair.
/// </summary>
public sealed record GeneratedCertificates(string CaPem, string CertificatePem, string KeyPem, DateTimeOffset NotAfter)
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    /// <summary>Back-dated so that a node whose clock runs a little behind still accepts a certificate made just now.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    public static GeneratedCertificates Create(string commonName, IReadOnlyList<string> dnsNames, DateTimeOffset now)
    {
        var notBefore = now - ClockSkew;
        var notAfter = now + Validity;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa(caKey, notBefore, notAfter);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var serving = CreateServing(key, ca, commonName, dnsNames, notBefore, notAfter);
        return new GeneratedCertificates(ca.ExportCertificatePem() + "\n", serving.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n", notAfter);
    }

    private static X509Certificate2 CreateCa(ECDsa key, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest("CN=otel-webhook CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static X509Certificate2 CreateServing(ECDsa key, X509Certificate2 ca, string commonName, IReadOnlyList<string> dnsNames, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        return request.Create(ca, notBefore, notAfter, SerialNumber());
    }

    /// <summary>RFC 5280 §4.1.2.2: positive, at most 20 octets; 16 random bytes with the top bit cleared.</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
