using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s.Models;
using Webhook.Documents;

namespace Webhook.Tests.Manifests;

/// <summary>
/// Reads bundle documents into KubernetesClient's API models the strict way: a field the model does not have, or a
/// value of the wrong type, is an error. The package's source-generated JSON context is internal, and the package's
/// YAML loader ignores unknown fields whatever it is told, so the context is reached with an unsafe accessor and used
/// with <see cref="JsonUnmappedMemberHandling.Disallow"/>.
/// </summary>
public static class KubernetesModels
{
    private const string PackageContextType = "k8s.SourceGenerationContext, KubernetesClient.Aot";

    public static JsonSerializerOptions Strict { get; } = CreateStrict();

    public static T Parse<T>(SourceDocument document) => Parse<T>(document.Json);

    public static T Parse<T>(ReadOnlySpan<byte> json) =>
        (T)(JsonSerializer.Deserialize(json, Strict.GetTypeInfo(typeof(T))) ?? throw new JsonException("document is null"));

    /// <summary>The model type for each kind <c>manifests</c> prints that Kubernetes itself defines; cert-manager's kinds have none.</summary>
    public static Type? ModelFor(string? kind) => kind switch
    {
        "Namespace" => typeof(V1Namespace),
        "CustomResourceDefinition" => typeof(V1CustomResourceDefinition),
        "ServiceAccount" => typeof(V1ServiceAccount),
        "ClusterRole" => typeof(V1ClusterRole),
        "ClusterRoleBinding" => typeof(V1ClusterRoleBinding),
        "Secret" => typeof(V1Secret),
        "ConfigMap" => typeof(V1ConfigMap),
        "Deployment" => typeof(V1Deployment),
        "PodDisruptionBudget" => typeof(V1PodDisruptionBudget),
        "Service" => typeof(V1Service),
        "MutatingWebhookConfiguration" => typeof(V1MutatingWebhookConfiguration),
        "ValidatingWebhookConfiguration" => typeof(V1ValidatingWebhookConfiguration),
        _ => null,
    };

    public static object Parse(SourceDocument document, Type model) =>
        JsonSerializer.Deserialize(document.Json, Strict.GetTypeInfo(model)) ?? throw new JsonException(document.Describe() + " is null");

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "get_Default")]
    [return: UnsafeAccessorType(PackageContextType)]
    private static extern object PackageContext([UnsafeAccessorType(PackageContextType)] object? context);

    private static JsonSerializerOptions CreateStrict()
    {
        var context = (JsonSerializerContext)PackageContext(null);
        return new JsonSerializerOptions(context.Options)
        {
            TypeInfoResolver = context,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
    }
}
