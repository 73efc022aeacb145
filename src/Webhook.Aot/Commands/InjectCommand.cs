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

    public static readonly CommandDefinition Definition = new(Name,
        "inject into the Pods and workload pod templates of a file as the webhook would, and print every document",
    [
        CommandOption.Value("--filename", "FILE|-", "the manifests to inject into, - for standard input", alias: "-f"),
        CommandOption.Value("--instrumentations", "DIR", "a folder of Instrumentations and Namespaces, read as serve reads it"),
        CommandOption.Value("--namespace", "NS", "the namespace of documents that name none", DefaultNamespace),
        CommandOption.Switch("--explain", "say per document and language what was injected and why, or why not"),
        CommandOption.Value("--output", "FORMAT", "text: the documents as YAML, findings on standard error; json: the findings as JSON", "text",
            alias: "-o", choices: OutputFormat.Names),
        .. OperatorFlags.All(),
    ], Run)
    {
        Details = "Instrumentations and Namespaces come from DIR and from the file itself.\n"
            + "Exit 0 on success, even with warnings; 1 when a document could not be read or an Instrumentation was invalid; 2 for usage errors.",
    };

    public static int Run(CommandLine line, TextWriter output, TextWriter errors)
    {
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

        var report = new FindingReport(errors, OutputFormat.IsJson(line));
        var (text, source) = InputFile.Read(line.Value("--filename"), Name);
        var exitCode = Inject(text, source, new Request(ns, folder, settings, images, line.Switch("--explain", whenAbsent: false)), output, report);
        if (report.IsJson)
        {
            report.WriteJson(output);
        }

        return exitCode;
    }

    private static int Inject(string text, string source, Request request, TextWriter output, FindingReport report)
    {
        var (ns, folder, settings, images, explain) = request;
        IReadOnlyList<SourceDocument> documents;
        try
        {
            documents = DocumentReader.Read(text, source);
        }
        catch (DocumentFormatException e)
        {
            report.Add(OfflineFinding.Unreadable(e, e.Message));
            return 1;
        }

        var sources = new SnapshotLoader(images, ns, report, explain);
        var fromFolder = new HashSet<string>(StringComparer.Ordinal);
        if (folder is not null)
        {
            sources.AddFolder(folder);
            fromFolder.UnionWith(sources.Namespaces);
        }

        sources.AddDocuments(documents);
        var snapshot = sources.Build();
        foreach (var (instrumentation, note) in ServiceNameNotes.Of(documents, snapshot, ns))
        {
            report.Add(OfflineFinding.About(sources.DocumentOf(instrumentation), FindingKind.ServiceNameElsewhere, note, ServiceNameNotes.Path) with { Text = source + ": " + note });
        }

        var documentReport = new InjectReport(report, explain);
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
                report.Add(OfflineFinding.About(document, FindingKind.CollectorNotRun, "otel-webhook runs no collectors (it is the injection half of the operator), so this "
                    + "resource does nothing without the operator; `otel-webhook manifests --collector NAME` prints a collector to apply instead"));
            }

            var outcome = WorkloadInjector.Inject(document, ns, snapshot, settings);
            documentReport.Write(document, outcome);
            written.Add(outcome.Json);
            failed |= outcome.Error is not null;
            var workloadNamespace = string.IsNullOrEmpty(document.Namespace) ? ns : document.Namespace;
            if (outcome.Requested.Count > 0 && !seenInstrumentationNamespaces.Contains(workloadNamespace)
                && snapshot.InNamespace(workloadNamespace).Count > 0)
            {
                report.Add(OfflineFinding.About(document, FindingKind.InstrumentationAfterWorkload, "comes before the Instrumentation of namespace " + workloadNamespace
                    + " in this input; applied in this order, its first pods are created before that Instrumentation exists and are "
                    + "not injected; put the Instrumentation first, or apply it before the workloads"));
            }
        }

        if (!report.IsJson)
        {
            output.Write(YamlWriter.ToYaml(written));
        }

        if (sources.Skipped > 0)
        {
            var skipped = sources.Skipped + (sources.Skipped == 1 ? " Instrumentation was" : " Instrumentations were")
                + " invalid and skipped (see above): pods that take it get nothing from it; fix it and run again";
            report.Add(new OfflineFinding(FindingKind.InstrumentationSkipped, skipped, skipped) { File = source });
            return 1;
        }

        return failed ? 1 : 0;
    }

    private sealed record Request(string Namespace, string? Folder, Webhook.Injection.InjectionSettings Settings, ImageDefaults Images, bool Explain);
}
