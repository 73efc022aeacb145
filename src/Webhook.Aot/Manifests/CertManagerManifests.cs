using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary>
/// TLS through cert-manager: a self-signed Issuer and a Certificate for the Service names, written to the Secret the
/// Deployment mounts. cert-manager renews it; its CA injector copies the CA into the webhook configurations.
/// </summary>
internal static class CertManagerManifests
{
    public const string ApiVersion = "cert-manager.io/v1";

    public static JsonObject Issuer(InstallTarget target)
    {
        var issuer = ObjectHeader.Namespaced(ApiVersion, "Issuer", InstallTarget.Name, target);
        issuer["spec"] = new JsonObject { ["selfSigned"] = new JsonObject() };
        return issuer;
    }

    public static JsonObject Certificate(InstallTarget target)
    {
        var certificate = ObjectHeader.Namespaced(ApiVersion, "Certificate", InstallTarget.Name, target);
        certificate["spec"] = new JsonObject
        {
            ["secretName"] = InstallTarget.TlsSecretName,
            ["dnsNames"] = new JsonArray([.. target.ServiceDnsNames.Select(static name => (JsonNode)name)]),
            ["issuerRef"] = new JsonObject { ["group"] = "cert-manager.io", ["kind"] = "Issuer", ["name"] = InstallTarget.Name },
            ["privateKey"] = new JsonObject { ["algorithm"] = "ECDSA", ["size"] = 256, ["rotationPolicy"] = "Always" },
        };
        return certificate;
    }
}
