using Webhook.Crd;
using Webhook.Injection;
using Webhook.Injection.Table;

namespace Webhook.Instrumentations;

/// <summary>
/// Applies the operator's defaulting webhook (images, init container resources, Apache/Nginx settings, the
/// default-image annotations) to an Instrumentation as it is read. The result is what injection uses; it is never
/// written back to the cluster.
/// </summary>
public static class InstrumentationDefaulter
{
    public static void Apply(Instrumentation instrumentation, ImageDefaults images)
    {
        var metadata = instrumentation.Metadata ??= new ObjectMeta();
        metadata.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var spec = instrumentation.Spec ??= new InstrumentationSpec();
        foreach (var language in InjectionTable.All)
        {
            if (language.SpecField is null)
            {
                continue;
            }

            var block = spec.LanguageOrNew(language.SpecField);
            if (string.IsNullOrEmpty(block.Image))
            {
                block.Image = images.For(language);
            }

            var resources = block.InitContainerResources ??= new ResourceRequirements();
            resources.Limits ??= Quantities(language.DefaultLimits);
            resources.Requests ??= Quantities(language.DefaultRequests);
            if (block is ISpecDefaults withDefaults)
            {
                foreach (var field in language.SpecDefaults)
                {
                    withDefaults.DefaultText(field.Name, field.Value);
                }
            }
        }

        // Always overwritten, as the operator does, so they record which defaults this resource was read with.
        metadata.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in InjectionTable.All)
        {
            if (language.Image is { } image && images.For(language) is { } current)
            {
                metadata.Annotations[image.DefaultImageAnnotation] = current;
            }
        }
    }

    private static Dictionary<string, IntOrString> Quantities(IEnumerable<NamedText> values)
    {
        var result = new Dictionary<string, IntOrString>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            result[value.Name] = IntOrString.FromString(value.Value);
        }

        return result;
    }
}
