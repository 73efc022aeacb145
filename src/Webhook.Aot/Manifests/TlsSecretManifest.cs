using System.Text;
using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary>The generated serving certificate and key as the <c>kubernetes.io/tls</c> Secret the Deployment mounts, with the CA as <c>ca.crt</c>.</summary>
internal static class TlsSecretManifest
{
    public static JsonObject Create(InstallTarget target, GeneratedCertificates certificates)
    {
        var secret = ObjectHeader.Namespaced("v1", "Secret", InstallTarget.TlsSecretName, target);
        secret["type"] = "kubernetes.io/tls";
        secret["data"] = new JsonObject
        {
            ["tls.crt"] = Base64(certificates.CertificatePem),
            ["tls.key"] = Base64(certificates.KeyPem),
            ["ca.crt"] = Base64(certificates.CaPem),
        };
        return secret;
    }

    public static string Base64(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
}
