using System.Globalization;
using Webhook.Crd;
using Webhook.Documents;
using Webhook.Injection;

namespace Webhook.Instrumentations;

/// <summary>
/// The operator's Instrumentation validating webhook (shared spec §3.6), in its order and with its messages,
/// spelling fixed. Unlike the operator it reports every error, not only the first, and it also warns when
/// defaulted resources would make every injected pod invalid.
/// </summary>
public static class InstrumentationValidator
{
    /// <summary>Languages in the order the operator checks volume settings (alphabetical by its spec keys).</summary>
    private static readonly string[] s_volumeCheckOrder = ["apacheHttpd", "dotnet", "go", "java", "nginx", "nodejs", "python"];

    public static ValidationResult Validate(Instrumentation instrumentation, ImageDefaults images)
    {
        var result = new ValidationResult();
        var spec = instrumentation.Spec ?? new InstrumentationSpec();
        var id = (instrumentation.Metadata?.Namespace ?? "") + "/" + (instrumentation.Metadata?.Name ?? "");
        CheckUpgradableImages(spec, id, images, result);
        SamplerRules.Check(spec.Sampler, result);
        CheckVolumes(spec, result);
        CheckExporter(spec.Exporter, result);
        CheckDeprecations(spec, result);
        CheckResources(spec, result);
        return result;
    }

    private static void CheckUpgradableImages(InstrumentationSpec spec, string id, ImageDefaults images, ValidationResult result)
    {
        foreach (var language in InjectionTable.All)
        {
            if (language.SpecField is null || spec.Language(language.SpecField)?.Image is not { Length: > 0 } image
                || images.For(language) is not { } defaultImage)
            {
                continue;
            }

            var (repository, tag) = ImageVersion.Split(image);
            var (defaultRepository, defaultTag) = ImageVersion.Split(defaultImage);
            if (repository != defaultRepository)
            {
                continue;
            }

            foreach (var blocked in language.BlockedUpgrades)
            {
                if (ImageVersion.Crosses(tag, defaultTag, blocked.Version))
                {
                    result.Warning("spec." + language.SpecField + ".image", "Instrumentation " + id + ": " + language.Name + " image " + image
                        + " is at a version that cannot be automatically upgraded. " + blocked.Message);
                }
            }
        }
    }

    private static void CheckVolumes(InstrumentationSpec spec, ValidationResult result)
    {
        foreach (var field in s_volumeCheckOrder)
        {
            var block = spec.Language(field);
            if (block?.VolumeClaimTemplate is { Spec: not null } && block.VolumeLimitSize is not null)
            {
                var lang = field.ToLowerInvariant();
                result.Error("spec." + field,
                    "spec." + lang + ".volumeClaimTemplate and spec." + lang + ".volumeLimitSize cannot both be defined: unable to resolve volume size");
            }
        }
    }

    private static void CheckExporter(Exporter? exporter, ValidationResult result)
    {
        var endpoint = exporter?.Endpoint ?? "";
        var tls = exporter?.Tls;
        if (tls is not null)
        {
            if (string.IsNullOrEmpty(tls.KeyFile) != string.IsNullOrEmpty(tls.CertFile))
            {
                result.Warning("spec.exporter.tls", "both exporter.tls.key and exporter.tls.cert must be set");
            }

            if (!endpoint.StartsWith("https://", StringComparison.Ordinal))
            {
                result.Warning("spec.exporter.endpoint", "exporter.tls is configured but exporter.endpoint is not enabling TLS with https://");
            }
        }
        else if (endpoint.StartsWith("https://", StringComparison.Ordinal))
        {
            result.Warning("spec.exporter.endpoint", "exporter is using https:// but exporter.tls is unset");
        }
    }

    private static void CheckDeprecations(InstrumentationSpec spec, ValidationResult result)
    {
        foreach (var language in InjectionTable.All)
        {
            if (language.SpecField is { } field && spec.Language(field)?.VolumeLimitSize is not null)
            {
                // The operator names spec.<lang>.volume.size, which v1alpha1 does not have; name the fields that exist.
                result.Warning("spec." + field + ".volumeLimitSize", "spec." + field + ".volumeLimitSize is deprecated and will be removed in a future release; use spec."
                    + field + ".volumeClaimTemplate instead");
            }
        }
    }

    /// <summary>Requests above limits (typically one of them defaulted) make the API server reject every injected pod.</summary>
    private static void CheckResources(InstrumentationSpec spec, ValidationResult result)
    {
        foreach (var language in InjectionTable.All)
        {
            if (language.SpecField is not { } field || spec.Language(field)?.InitContainerResources is not { Limits: { } limits, Requests: { } requests })
            {
                continue;
            }

            foreach (var (resource, request) in requests)
            {
                if (limits.TryGetValue(resource, out var limit) && Quantity.TryGetAmount(request.Text, out var requested)
                    && Quantity.TryGetAmount(limit.Text, out var allowed) && requested > allowed)
                {
                    result.Warning(FieldPath.Property("spec." + field + "." + language.ResourcesField + ".requests", resource), string.Create(CultureInfo.InvariantCulture,
                        $"spec.{field}.{language.ResourcesField}: requests.{resource} {request} is above limits.{resource} {limit}; pods injected with it will be rejected; set both"));
                }
            }
        }
    }
}
