using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s.Models;

namespace Webhook.Benchmarks.Baseline;

/// <summary>
/// JSON settings of the baseline: KubernetesClient's own source-generated context for the API models (camelCase,
/// nulls omitted, its quantity and date converters) and reflection for the envelope types declared here. The
/// package keeps the context internal, so it is reached with an unsafe accessor (as tests/…/KubernetesModels.cs does).
/// </summary>
public static class BaselineJson
{
    private const string PackageContextType = "k8s.SourceGenerationContext, KubernetesClient.Aot";

    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonTypeInfo<V1Pod> Pod { get; } = (JsonTypeInfo<V1Pod>)Options.GetTypeInfo(typeof(V1Pod));

    public static JsonTypeInfo<ReviewModel> Review { get; } = (JsonTypeInfo<ReviewModel>)Options.GetTypeInfo(typeof(ReviewModel));

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "get_Default")]
    [return: UnsafeAccessorType(PackageContextType)]
    private static extern object PackageContext([UnsafeAccessorType(PackageContextType)] object? context);

    private static JsonSerializerOptions Create()
    {
        var context = (JsonSerializerContext)PackageContext(null);
        var options = new JsonSerializerOptions(context.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(context, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }
}
