using Webhook.Documents;
using Webhook.Instrumentations;
using Webhook.Offline;

namespace Webhook.Commands;

/// <summary>
/// <c>otel-webhook inject -f FILE|- [--instrumentations DIR] [--namespace NS] [--explain]</c>: offline injection, the
/// way <c>istioctl kube-inject</c> works. Every document of the file goes to standard output as YAML, Pods and
/// workload pod templates injected as the webhook would inject the pods they create, the rest unchanged.
/// Instrumentations and Namespaces come from DIR and from the file itself. Warnings, problems and (with
/// <c>--explain</c>) the decision per language go to standard error. Exit 0 on success, even with warnings; 1 when
/// a document could not be read or an Instrumentation it was given was invalid and skipped; 2 for usage errors.
/// </summary>
public static class InjectCommand
{
    public const string Name = "inject";

    private const string DefaultNamespace = "default";

    /// <summary>The operator's collector resource, which users of the guide apply next to their Instrumentation.</summary>
    private const string CollectorKind = "OpenTelemetryCollector";

    private static readonly Dictionary<string, bool> s_options = CreateOptions();

    public static int Run(ReadOnlySpan<string> arguments, TextWriter output, TextWriter errors)
    {
        var line = CommandLine.Parse(Name, arguments, s_options);
        var settings = OperatorFlags.Settings(line);
        var images = OperatorFlags.Images(line);
        var ns = line.Value("--namespace") ?? DefaultNamespace;
        if (ns.Length == 0)
        {
            throw new UsageException("otel-webhook " + Name + ": --namespace needs a name");
        }

        var folder = line.Value("--instrumentations");
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException("otel-webhook " + Name + ": --instrumentations: folder '" + folder + "' does not exist");
        }

        var (text, source) = InputFile.Read(line.Value("-f") ?? line.Value("--filename"), Name);
        IReadOnlyList<SourceDocument> documents;
        try
        {
            documents = DocumentReader.Read(text, source);
        }
        catch (DocumentFormatException e)
        {
            errors.WriteLine(e.Message);
            return 1;
        }

        var explain = line.Has("--explain");
        var sources = new OfflineSnapshot(new InstrumentationLoader(images), ns, errors, explain);
        var fromFolder = new HashSet<string>(StringComparer.Ordinal);
        if (folder is not null)
        {
            sources.AddFolder(folder);
            fromFolder.UnionWith(sources.Namespaces);
        }

        sources.AddDocuments(documents);
        var snapshot = sources.Build();
        foreach (var note in ServiceNameNotes.Of(documents, snapshot, ns))
        {
            errors.WriteLine(source + ": " + note);
        }

        var report = new InjectReport(errors, explain);
        var written = new List<ReadOnlyMemory<byte>>(documents.Count);
        var failed = false;
        var seenInstrumentationNamespaces = new HashSet<string>(fromFolder, StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (InstrumentationLoader.IsInstrumentation(document))
            {
                seenInstrumentationNamespaces.Add(sources.NamespaceOf(document));
            }
            else if (document.Kind == CollectorKind)
            {
                errors.WriteLine(document.Describe() + ": otel-webhook runs no collectors (it is the injection half of the operator), so this "
                    + "resource does nothing without the operator; `otel-webhook manifests --collector NAME` prints a collector to apply instead");
            }

            var outcome = WorkloadInjector.Inject(document, ns, snapshot, settings);
            report.Write(document, outcome);
            written.Add(outcome.Json);
            failed |= outcome.Error is not null;
            var workloadNamespace = string.IsNullOrEmpty(document.Namespace) ? ns : document.Namespace;
            if (outcome.Requested.Count > 0 && !seenInstrumentationNamespaces.Contains(workloadNamespace)
                && snapshot.InNamespace(workloadNamespace).Count > 0)
            {
                errors.WriteLine(document.Describe() + ": comes before the Instrumentation of namespace " + workloadNamespace
                    + " in this input; applied in this order, its first pods are created before that Instrumentation exists and are "
                    + "not injected; put the Instrumentation first, or apply it before the workloads");
            }
        }

        output.Write(YamlWriter.ToYaml(written));
        if (sources.Skipped > 0)
        {
            errors.WriteLine(sources.Skipped + (sources.Skipped == 1 ? " Instrumentation was" : " Instrumentations were")
                + " invalid and skipped (see above): pods that take it get nothing from it; fix it and run again");
            return 1;
        }

        return failed ? 1 : 0;
    }

    private static Dictionary<string, bool> CreateOptions()
    {
        var options = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["-f"] = true,
            ["--filename"] = true,
            ["--instrumentations"] = true,
            ["--namespace"] = true,
            ["--explain"] = false,
        };
        OperatorFlags.AddTo(options);
        return options;
    }
}
