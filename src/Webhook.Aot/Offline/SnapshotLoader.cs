using Webhook.Crd;
using Webhook.Documents;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Sources;

namespace Webhook.Offline;

/// <summary>
/// Reads Instrumentations and Namespaces once for <c>inject</c>, from the files of a folder and from documents, by the rules
/// <c>serve --instrumentations</c> reads them with: the folder's files as <see cref="InstrumentationFolder"/> lists
/// and caps them, each document as <see cref="SnapshotBuilder"/> checks and defaults it. A bad file or an invalid
/// Instrumentation is reported and left out whole. A later Instrumentation with the same namespace and name replaces
/// an earlier one, as applying both to a cluster would. Every finding names the file, and where there is one the
/// document, the line and the field, whether the document came from the folder or from the input.
/// </summary>
public sealed class SnapshotLoader
{
    private readonly SnapshotBuilder _builder;
    private readonly string _defaultNamespace;
    private readonly FindingReport _report;
    private readonly bool _explain;
    private readonly Dictionary<string, (Instrumentation Instrumentation, SourceDocument Document)> _instrumentations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NamespaceInfo> _namespaces = new(StringComparer.Ordinal);

    /// <param name="report">Gets each problem and warning.</param>
    /// <param name="explain">Also report every Instrumentation taken: what <c>inject --explain</c> tells.</param>
    public SnapshotLoader(ImageDefaults images, string defaultNamespace, FindingReport report, bool explain = false)
    {
        _builder = new SnapshotBuilder(images);
        _defaultNamespace = defaultNamespace;
        _report = report;
        _explain = explain;
    }

    /// <summary>Instrumentations that were invalid and left out: pods naming them get nothing from them.</summary>
    public int Skipped { get; private set; }

    /// <summary>The namespaces of the Instrumentations read so far.</summary>
    public IEnumerable<string> Namespaces => _instrumentations.Values.Select(static i => i.Instrumentation.Metadata!.Namespace!);

    /// <summary>Every YAML or JSON file directly in <paramref name="folder"/>, in name order; a file that cannot be read is skipped whole.</summary>
    public void AddFolder(string folder)
    {
        foreach (var file in InstrumentationFolder.Read(folder))
        {
            var path = Path.Combine(folder, file.Name);
            if (file.Text is null)
            {
                var problem = file.ReadError + "; file skipped";
                _report.Add(new OfflineFinding(FindingKind.InputUnreadable, path + ": " + problem, problem) { File = path });
                continue;
            }

            IReadOnlyList<SourceDocument> documents;
            try
            {
                documents = DocumentReader.Read(file.Text, path);
            }
            catch (DocumentFormatException e)
            {
                _report.Add(OfflineFinding.Unreadable(e, e.Message + "; file skipped") with { Message = e.Problem + "; file skipped" });
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
            if (document.Kind == Instrumentation.SchemaKind)
            {
                AddInstrumentation(document);
            }
            else if (document.Kind == "Namespace")
            {
                AddNamespace(document);
            }
        }
    }

    public InstrumentationSnapshot Build() => new(_instrumentations.Values.Select(static i => i.Instrumentation), _namespaces.Values);

    /// <summary>The namespace an Instrumentation document belongs to once read: its own, or the default one.</summary>
    public string NamespaceOf(SourceDocument document) => string.IsNullOrEmpty(document.Namespace) ? _defaultNamespace : document.Namespace;

    /// <summary>The document <paramref name="instrumentation"/> was read from, for findings about it.</summary>
    public SourceDocument DocumentOf(Instrumentation instrumentation)
        => _instrumentations[instrumentation.Metadata!.Namespace + "/" + instrumentation.Metadata.Name].Document;

    private void AddInstrumentation(SourceDocument document)
    {
        var loaded = _builder.Load(document, _defaultNamespace);
        foreach (var warning in loaded.Warnings)
        {
            _report.Add(OfflineFinding.From(warning, document, FindingKind.InstrumentationWarning, document.Describe() + ": " + warning.Message));
        }

        if (loaded.Instrumentation is { Metadata: { } metadata } instrumentation)
        {
            var key = metadata.Namespace + "/" + metadata.Name;
            if (_explain)
            {
                _report.Add(OfflineFinding.About(document, FindingKind.InstrumentationLoaded, "loaded as " + key
                    + (_instrumentations.ContainsKey(key) ? ", replacing one read before with the same name" : "")));
            }

            _instrumentations[key] = (instrumentation, document);
            return;
        }

        Skipped++;
        _report.Heading(document.Describe() + " is invalid and was skipped:");
        foreach (var error in loaded.Errors)
        {
            _report.Add(OfflineFinding.From(error, document, FindingKind.InstrumentationInvalid, "  " + error));
        }
    }

    private void AddNamespace(SourceDocument document)
    {
        var entry = _builder.Read(document, _defaultNamespace);
        foreach (var warning in entry.Warnings)
        {
            _report.Add(OfflineFinding.About(document, FindingKind.NamespaceUnnamed, warning, "metadata.name"));
        }

        if (entry.Namespace is { } ns)
        {
            _namespaces[ns.Name] = ns;
        }
    }
}
