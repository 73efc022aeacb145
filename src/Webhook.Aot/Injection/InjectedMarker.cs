using System.Text;
using System.Text.Json;

namespace Webhook.Injection;

/// <summary>
/// The marker every injected pod carries: an annotation whose value is compact JSON keyed by language name, each
/// entry naming the Instrumentation (with its generation and resourceVersion) and agent image the language was
/// injected from, and a label so that <c>kubectl get pods -l instrumentation.opentelemetry.io/injected=true</c> finds
/// such pods. The webhook recognises its own marker: a language it names is not injected again.
/// </summary>
public static class InjectedMarker
{
    public const string AnnotationName = "instrumentation.opentelemetry.io/injected";

    public const string LabelName = "instrumentation.opentelemetry.io/injected";

    public const string LabelValue = "true";

    /// <summary>Values up to this many UTF-8 bytes are read from the stack: eight entries of ~300 bytes each fit.</summary>
    private const int StackLimit = 4096;

    /// <summary>
    /// The table languages <paramref name="value"/> names, one bit per <see cref="Language"/> (<c>1 &lt;&lt; (int)language</c>);
    /// 0 when there is no value or it is not a JSON object. Tolerant: unknown keys, odd entries and trailing garbage
    /// after a language's key are ignored. Allocates nothing for a value that fits <see cref="StackLimit"/>.
    /// </summary>
    public static int Languages(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        Span<byte> utf8 = byteCount <= StackLimit ? stackalloc byte[StackLimit] : new byte[byteCount];
        var written = Encoding.UTF8.GetBytes(value, utf8);
        var languages = 0;
        var reader = new Utf8JsonReader(utf8[..written]);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return 0;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                foreach (var rule in InjectionTable.All)
                {
                    if (reader.ValueTextEquals(rule.Name))
                    {
                        languages |= 1 << (int)rule.Language;
                    }
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // What was read before the damage still counts: those languages were injected.
        }

        return languages;
    }

    /// <summary>Whether <paramref name="languages"/> (from <see cref="Languages"/>) names <paramref name="language"/>.</summary>
    public static bool Names(int languages, Language language) => (languages & (1 << (int)language)) != 0;

    /// <summary>A value longer than this is not ours: no pod injects eight languages with names this long.</summary>
    public const int MaxValueLength = 16 * 1024;

    private const string Where = "metadata.annotations[" + AnnotationName + "]";

    /// <summary>Entries nest two levels; anything deeper is not ours.</summary>
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = 8 };

    /// <summary><see cref="Read(string?, out string?)"/> for the patch writer, which only keeps what it can copy.</summary>
    public static List<Entry> Read(string? value) => Read(value, out _);

    /// <summary>
    /// Every entry of <paramref name="value"/> whose value is an object, in order: the key, its fields (each null when
    /// absent or of another type) and the entry's JSON as written. Never throws: the entries read before a damaged
    /// part are kept, and <paramref name="problem"/> says what is wrong (for doctor), naming the annotation.
    /// </summary>
    public static List<Entry> Read(string? value, out string? problem)
    {
        var entries = new List<Entry>();
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

        var utf8 = Encoding.UTF8.GetBytes(value);
        var reader = new Utf8JsonReader(utf8, s_options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = Where + ": value is a JSON " + Describe(reader.TokenType) + ", not an object keyed by language";
                return entries;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var language = reader.GetString()!;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    problem ??= Where + "[" + language + "]: not an object; entry ignored";
                    reader.Skip();
                    continue;
                }

                var start = (int)reader.TokenStartIndex;
                using var entry = JsonDocument.ParseValue(ref reader);
                var root = entry.RootElement;
                entries.Add(new Entry(language, StringField(root, "instrumentation"), NumberField(root, "generation"), StringField(root, "resourceVersion"),
                    StringField(root, "image"), Encoding.UTF8.GetString(utf8.AsSpan(start, (int)reader.BytesConsumed - start))));
            }
        }
        catch (JsonException e)
        {
            problem = Where + ": value is not JSON (" + e.Message + "); " + (entries.Count == 0 ? "ignored" : "the entries before the damage are kept");
        }

        return entries;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => "value",
    };

    private static string? StringField(JsonElement entry, string name)
        => entry.TryGetProperty(name, out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null;

    private static long? NumberField(JsonElement entry, string name)
        => entry.TryGetProperty(name, out var field) && field.ValueKind == JsonValueKind.Number && field.TryGetInt64(out var number) ? number : null;

    /// <summary>One language's entry: <c>Instrumentation</c> is <c>namespace/name</c>; <c>Json</c> is the entry's object as written.</summary>
    public sealed record Entry(string Language, string? Instrumentation, long? Generation, string? ResourceVersion, string? Image, string Json);
}
