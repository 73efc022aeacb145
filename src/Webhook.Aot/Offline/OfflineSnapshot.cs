using System.Text.Json.Nodes;
using Webhook.Commands;
using Webhook.Crd;
using Webhook.Documents;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Json;
using Webhook.Sources;

namespace Webhook.Offline;

/// <summary>
/// The Instrumentations and Namespaces <c>inject</c> works with, from a folder and from the input file, checked and
/// defaulted as the webhook does. A bad Instrumentation is reported with file and line and skipped whole.
/// Instrumentations without a namespace belong to the default namespace; a later one with the same namespace and
/// name replaces an earlier one, as applying both to a cluster would.
/// </summary>
public sealed class OfflineSnapshot
{
    private static readonly string[] s_extensions = [".yaml", ".yml", ".json"];

    private readonly InstrumentationLoader _loader;
    private readonly string _defaultNamespace;
    private readonly FindingReport _report;
    private readonly bool _explain;
    private readonly Dictionary<string, Instrumentation> _instrumentations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NamespaceInfo> _namespaces = new(StringComparer.Ordinal);

    public OfflineSnapshot(InstrumentationLoader loader, string defaultNamespace, FindingReport report, bool explain)
    {
        _loader = loader;
        _defaultNamespace = defaultNamespace;
        _report = report;
        _explain = explain;
    }

    /// <summary>
    /// Every YAML or JSON file directly in <paramref name="folder"/>, in name order. Names starting with a dot are
    /// skipped: a ConfigMap volume keeps its previous contents in such entries.
    /// </summary>
    public void AddFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(path => !Path.GetFileName(path).StartsWith('.') && s_extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            IReadOnlyList<SourceDocument> documents;
            try
            {
                documents = DocumentReader.Read(InputFile.ReadText(path, InstrumentationFolder.MaxFileBytes), path);
            }
            catch (DocumentFormatException e)
            {
                _report.Add(OfflineFinding.Unreadable(e, e.Message + "; file skipped"));
                continue;
            }
            catch (DocumentFileException e)
            {
                _report.Add(new OfflineFinding(FindingKind.InputUnreadable, e.Message + "; file skipped", e.Problem + "; file skipped") { File = path });
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var problem = "cannot be read (" + e.Message + "); file skipped";
                _report.Add(new OfflineFinding(FindingKind.InputUnreadable, path + ": " + problem, problem) { File = path });
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
            if (InstrumentationLoader.IsInstrumentation(document))
            {
                AddInstrumentation(document);
            }
            else if (document.Kind == "Namespace")
            {
                AddNamespace(document);
            }
        }
    }

    public InstrumentationSnapshot Build() => new(_instrumentations.Values, _namespaces.Values);

    /// <summary>The namespaces of the Instrumentations read so far.</summary>
    public IEnumerable<string> Namespaces => _instrumentations.Values.Select(i => i.Metadata!.Namespace!);

    /// <summary>Instrumentations that were invalid and left out: pods naming them get nothing from them.</summary>
    public int Skipped { get; private set; }

    /// <summary>The namespace an Instrumentation document belongs to once read: its own, or the default one.</summary>
    public string NamespaceOf(SourceDocument document) => string.IsNullOrEmpty(document.Namespace) ? _defaultNamespace : document.Namespace;

    private void AddInstrumentation(SourceDocument document)
    {
        var loaded = _loader.Load(document);
        foreach (var warning in loaded.Warnings)
        {
            _report.Add(OfflineFinding.From(warning, document, FindingKind.InstrumentationWarning, document.Describe() + ": " + warning.Message));
        }

        if (loaded.Instrumentation is not { Metadata: { } metadata } instrumentation)
        {
            Skipped++;
            _report.Heading(document.Describe() + " is invalid and was skipped:");
            foreach (var error in loaded.Errors)
            {
                _report.Add(OfflineFinding.From(error, document, FindingKind.InstrumentationInvalid, "  " + error));
            }

            return;
        }

        if (string.IsNullOrEmpty(metadata.Namespace))
        {
            metadata.Namespace = _defaultNamespace;
        }

        var key = metadata.Namespace + "/" + metadata.Name;
        if (_explain)
        {
            _report.Add(OfflineFinding.About(document, FindingKind.InstrumentationLoaded, "loaded as " + key
                + (_instrumentations.ContainsKey(key) ? ", replacing one read before with the same name" : "")));
        }

        _instrumentations[key] = instrumentation;
    }

    private void AddNamespace(SourceDocument document)
    {
        if (string.IsNullOrEmpty(document.Name))
        {
            _report.Add(OfflineFinding.About(document, FindingKind.NamespaceUnnamed, "metadata.name is missing; Namespace skipped", "metadata.name"));
            return;
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonNodes.Parse(document.Json)?["metadata"]?["annotations"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                if (JsonNodes.String(value) is { } text)
                {
                    annotations[key] = text;
                }
            }
        }

        _namespaces[document.Name] = new NamespaceInfo(document.Name, annotations);
    }
}
