using System.Text.Json;
using Webhook.Injection;
using Webhook.Injection.Table;
using Webhook.Instrumentations;

namespace Webhook.Doctor;

/// <summary>An Instrumentation as <c>doctor</c> compares pods with it: its identity, age, generation and agent images.</summary>
internal sealed record InstrumentationInfo(ResourceMeta Meta, IReadOnlyDictionary<string, string> SpecImages)
{
    public static InstrumentationInfo Of(JsonElement item)
    {
        var spec = Json.Child(item, "spec");
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in InjectionTable.All)
        {
            if (language.SpecField is { } field && Json.Text(Json.Child(spec, field), "image") is { Length: > 0 } image)
            {
                images[language.Name] = image;
            }
        }

        return new InstrumentationInfo(ResourceMeta.Of(item), images);
    }

    /// <summary>The agent image a pod injected now gets: the spec's, else the webhook's default; null for the SDK, which has none.</summary>
    public string? ExpectedImage(LanguageRule language, ImageDefaults defaults)
        => SpecImages.TryGetValue(language.Name, out var image) ? image : language.SpecField is null ? null : defaults.For(language);
}
