using System.Text.Json;

namespace Webhook.Injection;

/// <summary>
/// What an injected pod carries to say so: the label <see cref="Label"/> = "true", and the annotation
/// <see cref="Annotation"/> whose value is a JSON object keyed by language name (<c>java</c>, <c>apache-httpd</c>,
/// <c>sdk</c>), each naming the Instrumentation, its generation and resourceVersion (absent when it came from a
/// folder) and the agent image: <c>{"java":{"instrumentation":"shop/otel","generation":3,"resourceVersion":"812","image":"…"}}</c>.
/// </summary>
public static class InjectedMarker
{
    public const string Annotation = "instrumentation.opentelemetry.io/injected";

    public const string Label = "instrumentation.opentelemetry.io/injected";

    public const string LabelValue = "true";

    /// <summary>A value longer than this is not ours: no pod injects eight languages with names this long.</summary>
    public const int MaxValueLength = 16 * 1024;

    /// <summary>
    /// The entries of an annotation value. A bad value never throws: the entries read so far are kept, and
    /// <paramref name="problem"/> says what is wrong, naming the annotation.
    /// </summary>
    public static IReadOnlyDictionary<string, InjectedLanguage> Parse(string? value, out string? problem)
    {
        var entries = new Dictionary<string, InjectedLanguage>(StringComparer.Ordinal);
        problem = null;
        if (string.IsNullOrEmpty(value))
        {
            return entries;
        }

        if (value.Length > MaxValueLength)
        {
            problem = Where + ": value of " + value.Length + " characters is longer than " + MaxValueLength + "; ignored";
            return entries;
        }

        try
        {
            using var document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = Where + ": value is a JSON " + document.RootElement.ValueKind.ToString().ToLowerInvariant() + ", not an object keyed by language";
                return entries;
            }

            foreach (var language in document.RootElement.EnumerateObject())
            {
                if (language.Value.ValueKind != JsonValueKind.Object)
                {
                    problem ??= Where + "[" + language.Name + "]: not an object; entry ignored";
                    continue;
                }

                entries[language.Name] = Entry(language.Value);
            }
        }
        catch (JsonException e)
        {
            problem = Where + ": value is not JSON (" + e.Message + "); ignored";
        }

        return entries;
    }

    private const string Where = "metadata.annotations[" + Annotation + "]";

    private static InjectedLanguage Entry(JsonElement entry) => new(
        Text(entry, "instrumentation"),
        entry.TryGetProperty("generation"u8, out var generation) && generation.ValueKind == JsonValueKind.Number && generation.TryGetInt64(out var number) ? number : null,
        Text(entry, "resourceVersion"),
        Text(entry, "image"));

    private static string? Text(JsonElement entry, string name)
        => entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>One language's entry of <see cref="InjectedMarker.Annotation"/>: where the injection came from and which agent image it added.</summary>
/// <param name="Instrumentation"><c>NS/NAME</c> of the Instrumentation.</param>
public sealed record InjectedLanguage(string? Instrumentation, long? Generation, string? ResourceVersion, string? Image);
