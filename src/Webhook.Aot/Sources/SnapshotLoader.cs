using Webhook.Crd;
using Webhook.Documents;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;

namespace Webhook.Sources;

/// <summary>
/// Reads Instrumentations and Namespaces once, from the files of a folder and from documents, by the rules
/// <c>serve --instrumentations</c> reads them with: the folder's files as <see cref="InstrumentationFolder"/> lists
/// and caps them, each document as <see cref="SnapshotBuilder"/> checks and defaults it. A bad file or an invalid
/// Instrumentation is reported and left out whole. A later Instrumentation with the same namespace and name replaces
/// an earlier one, as applying both to a cluster would.
/// </summary>
public sealed class SnapshotLoader
{
    private readonly SnapshotBuilder _builder;
    private readonly string _defaultNamespace;
    private readonly Action<string> _report;
    private readonly Action<string>? _explain;
    private readonly Dictionary<string, Instrumentation> _instrumentations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NamespaceInfo> _namespaces = new(StringComparer.Ordinal);

    /// <param name="report">Gets each problem and warning, one line of text with its file (and line) at the start.</param>
    /// <param name="explain">When set, gets a line for every Instrumentation taken: what <c>inject --explain</c> prints.</param>
    public SnapshotLoader(ImageDefaults images, string defaultNamespace, Action<string> report, Action<string>? explain = null)
    {
        _builder = new SnapshotBuilder(images);
        _defaultNamespace = defaultNamespace;
        _report = report;
        _explain = explain;
    }

    /// <summary>Instrumentations that were invalid and left out: pods naming them get nothing from them.</summary>
    public int Skipped { get; private set; }

    /// <summary>The namespaces of the Instrumentations read so far.</summary>
    public IEnumerable<string> Namespaces => _instrumentations.Values.Select(static i => i.Metadata!.Namespace!);

    /// <summary>Every YAML or JSON file directly in <paramref name="folder"/>, in name order; a file that cannot be read is skipped whole.</summary>
    public void AddFolder(string folder)
    {
        foreach (var file in InstrumentationFolder.Read(folder))
        {
            var path = Path.Combine(folder, file.Name);
            if (file.Text is null)
            {
                _report(path + ": " + file.ReadError + "; file skipped");
                continue;
            }

            IReadOnlyList<SourceDocument> documents;
            try
            {
                documents = DocumentReader.Read(file.Text, path);
            }
            catch (DocumentFormatException e)
            {
                _report(e.Message + "; file skipped");
                continue;
            }

            AddDocuments(documents);
        }
    }

    /// <summary>Takes the Instrumentations and Namespaces among <paramref name="documents"/>; other kinds are not looked at.</summary>
    public void AddDocuments(IEnumerable<SourceDocument> documents)
    {
        foreach (var document in documents)
        {
            if (document.Kind is not (Instrumentation.SchemaKind or "Namespace"))
            {
                continue;
            }

            var entry = _builder.Read(document, _defaultNamespace);
            foreach (var warning in entry.Warnings)
            {
                _report(document.Describe() + ": " + warning);
            }

            if (entry.Namespace is { } ns)
            {
                _namespaces[ns.Name] = ns;
            }
            else if (entry.Instrumentation is { Metadata: { } metadata } instrumentation)
            {
                var key = metadata.Namespace + "/" + metadata.Name;
                _explain?.Invoke(document.Describe() + ": loaded as " + key
                    + (_instrumentations.ContainsKey(key) ? ", replacing one read before with the same name" : ""));
                _instrumentations[key] = instrumentation;
            }
            else if (entry.Errors.Count > 0)
            {
                Skipped++;
                _report(document.Describe() + " is invalid and was skipped:");
                foreach (var error in entry.Errors)
                {
                    _report("  " + error);
                }
            }
        }
    }

    public InstrumentationSnapshot Build() => new(_instrumentations.Values, _namespaces.Values);

    /// <summary>The namespace an Instrumentation document belongs to once read: its own, or the default one.</summary>
    public string NamespaceOf(SourceDocument document) => string.IsNullOrEmpty(document.Namespace) ? _defaultNamespace : document.Namespace;
}
