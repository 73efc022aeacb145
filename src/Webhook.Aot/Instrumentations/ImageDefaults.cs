using Webhook.Injection;
using Webhook.Injection.Table;

namespace Webhook.Instrumentations;

/// <summary>The default image per language: the table's, unless the operator of the webhook overrode it.</summary>
public sealed class ImageDefaults
{
    private readonly Dictionary<Language, string> _overrides;

    public ImageDefaults(IReadOnlyDictionary<Language, string>? overrides = null)
        => _overrides = overrides is null ? new() : new Dictionary<Language, string>(overrides);

    public static ImageDefaults FromTable { get; } = new();

    public string? For(LanguageRule language)
        => _overrides.TryGetValue(language.Language, out var image) ? image : language.Image?.Default;
}
