using Webhook.Crd;
using Webhook.Documents;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;

namespace Webhook.Sources;

/// <summary>
/// Turns documents (from files or from the API server) into a snapshot: Instrumentations are schema-checked,
/// defaulted and validated, an invalid one is left out and reported, never half-applied; Namespaces keep their
/// annotations; other kinds are skipped.
/// </summary>
public sealed class SnapshotBuilder
{
    private readonly InstrumentationLoader _loader;

    public SnapshotBuilder(ImageDefaults images) => _loader = new InstrumentationLoader(images);

    /// <summary>One document's contribution: an Instrumentation, a Namespace, or nothing (with the problems found).</summary>
    public SnapshotEntry Read(SourceDocument document, string defaultNamespace)
    {
        switch (document.Kind)
        {
            case Instrumentation.SchemaKind:
                var loaded = Load(document, defaultNamespace);
                return new SnapshotEntry(loaded.Instrumentation, null, loaded.Errors.Select(e => e.ToString()).ToList(),
                    loaded.Warnings.Select(w => w.Message).ToList());
            case "Namespace":
                return NamespaceOf(document) is { } ns
                    ? new SnapshotEntry(null, ns, [], [])
                    : new SnapshotEntry(null, null, [], ["metadata.name is missing; Namespace skipped"]);
            default:
                return new SnapshotEntry(null, null, [], []);
        }
    }

    /// <summary>An Instrumentation document checked and defaulted, its namespace the default one when it names none; with its problems placed at their fields.</summary>
    public LoadedInstrumentation Load(SourceDocument document, string defaultNamespace)
    {
        var loaded = _loader.Load(document);
        if (loaded.Instrumentation is { Metadata: { } metadata } && string.IsNullOrEmpty(metadata.Namespace))
        {
            // "namespace: \"\"" is no namespace to kubectl either: the object goes to the default one.
            metadata.Namespace = defaultNamespace;
        }

        return loaded;
    }

    public static InstrumentationSnapshot Build(IEnumerable<SnapshotEntry> entries)
    {
        var list = entries.ToList();
        return new InstrumentationSnapshot(list.Where(e => e.Instrumentation is not null).Select(e => e.Instrumentation!),
            list.Where(e => e.Namespace is not null).Select(e => e.Namespace!));
    }

    private static NamespaceInfo? NamespaceOf(SourceDocument document)
    {
        var context = new ModelReadContext();
        var reader = new System.Text.Json.Utf8JsonReader(document.Json);
        reader.Read();
        ObjectMeta? metadata = null;
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                metadata = ObjectMeta.Read(ref reader, context, "metadata");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return metadata?.Name is { Length: > 0 } name
            ? new NamespaceInfo(name, metadata.Annotations ?? new Dictionary<string, string>())
            : null;
    }
}

/// <summary>What one document adds to a snapshot, and what was wrong with it.</summary>
public sealed record SnapshotEntry(Instrumentation? Instrumentation, NamespaceInfo? Namespace, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);
