using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;

namespace Webhook.Sources;

/// <summary>The client certificate a configuration names, read as the client library reads it: PEM, inline
/// (base64) or from files, a file winning over inline data.</summary>
internal static class ApiServerClientCertificate
{
    /// <summary>Null unless the configuration has both a certificate and a key.</summary>
    public static X509Certificate2? From(KubernetesClientConfiguration configuration)
    {
        var certificatePem = Pem(configuration.ClientCertificateFilePath, configuration.ClientCertificateData);
        var keyPem = Pem(configuration.ClientKeyFilePath, configuration.ClientCertificateKeyData);
        if (certificatePem is null || keyPem is null)
        {
            return null;
        }

        var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        // Windows TLS cannot use the ephemeral key CreateFromPem gives; a PKCS#12 round trip persists it.
        using (certificate)
        {
            var pfx = certificate.Export(X509ContentType.Pfx);
            return configuration.ClientCertificateKeyStoreFlags is { } flags
                ? X509CertificateLoader.LoadPkcs12(pfx, null, flags)
                : X509CertificateLoader.LoadPkcs12(pfx, null);
        }
    }

    private static string? Pem(string? path, string? base64)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            return File.ReadAllText(path);
        }

        if (!string.IsNullOrWhiteSpace(base64))
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }

        return null;
    }
}
