using System.Text.Json.Nodes;

namespace Webhook.Manifests;

/// <summary>
/// The two webhook registrations. The CA that verifies the Service's certificate comes either inline
/// (<paramref name="caBundle"/>, base64 PEM) or from cert-manager's CA injector (<paramref name="caBundle"/> null).
/// </summary>
internal static class WebhookManifests
{
    public const string MutatePodWebhook = "mpod.otel-webhook.io";
    public const string ValidateInstrumentationWebhook = "vinstrumentation.otel-webhook.io";
    public const string InjectCaAnnotation = "cert-manager.io/inject-ca-from";
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>5 s, not the API server's 10 s default: the webhook answers from memory, and a pod creation waits on it.</summary>
    private const int TimeoutSeconds = 5;

    public static JsonObject Mutating(InstallTarget target, string? caBundle)
    {
        var configuration = ObjectHeader.ClusterScoped("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", InstallTarget.Name, Annotations(target, caBundle));
        configuration["webhooks"] = new JsonArray(new JsonObject
        {
            ["name"] = MutatePodWebhook,
            ["admissionReviewVersions"] = new JsonArray("v1"),
            ["clientConfig"] = ClientConfig(target, InstallTarget.MutatePodPath, caBundle),
            ["rules"] = new JsonArray(Rule("", "v1", "pods", "CREATE")),

            // Ignore: a webhook that is down must not stop pods from starting; they start uninstrumented.
            ["failurePolicy"] = "Ignore",

            // An admission with a warning records an Event, a side effect; a dry-run request records none.
            ["sideEffects"] = "NoneOnDryRun",
            ["timeoutSeconds"] = TimeoutSeconds,

            // IfNeeded: called again when a later webhook changed the pod; safe, as a pod already injected gets no patch.
            ["reinvocationPolicy"] = "IfNeeded",

            // Neither the webhook's own pods nor kube-system's may wait on a webhook that is starting or down.
            ["namespaceSelector"] = new JsonObject
            {
                ["matchExpressions"] = new JsonArray(new JsonObject
                {
                    ["key"] = NamespaceNameLabel,
                    ["operator"] = "NotIn",
                    ["values"] = new JsonArray([.. ExcludedNamespaces(target).Select(static name => (JsonNode)name)]),
                }),
            },
        });
        return configuration;
    }

    public static JsonObject Validating(InstallTarget target, string? caBundle)
    {
        var configuration = ObjectHeader.ClusterScoped("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", InstallTarget.Name, Annotations(target, caBundle));
        configuration["webhooks"] = new JsonArray(new JsonObject
        {
            ["name"] = ValidateInstrumentationWebhook,
            ["admissionReviewVersions"] = new JsonArray("v1"),
            ["clientConfig"] = ClientConfig(target, InstallTarget.ValidateInstrumentationPath, caBundle),
            ["rules"] = new JsonArray(Rule("opentelemetry.io", "v1alpha1", "instrumentations", "CREATE", "UPDATE")),

            // Fail, as the operator does: an Instrumentation nobody checked must not be stored.
            ["failurePolicy"] = "Fail",
            ["sideEffects"] = "None",
            ["timeoutSeconds"] = TimeoutSeconds,
        });
        return configuration;
    }

    public static IReadOnlyList<string> ExcludedNamespaces(InstallTarget target) =>
        target.Namespace == "kube-system" ? ["kube-system"] : ["kube-system", target.Namespace];

    private static JsonObject? Annotations(InstallTarget target, string? caBundle) =>
        caBundle is null ? new JsonObject { [InjectCaAnnotation] = target.CertificateReference } : null;

    private static JsonObject ClientConfig(InstallTarget target, string path, string? caBundle)
    {
        var config = new JsonObject
        {
            ["service"] = new JsonObject
            {
                ["name"] = InstallTarget.Name,
                ["namespace"] = target.Namespace,
                ["path"] = path,
                ["port"] = InstallTarget.ServicePort,
            },
        };
        if (caBundle is not null)
        {
            config["caBundle"] = caBundle;
        }

        return config;
    }

    private static JsonObject Rule(string apiGroup, string apiVersion, string resource, params string[] operations) => new()
    {
        ["apiGroups"] = new JsonArray(apiGroup),
        ["apiVersions"] = new JsonArray(apiVersion),
        ["resources"] = new JsonArray(resource),
        ["operations"] = new JsonArray([.. operations.Select(static operation => (JsonNode)operation)]),
        ["scope"] = "Namespaced",
    };
}
