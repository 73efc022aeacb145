using Webhook.Documents;
using Webhook.Instrumentations;

namespace Webhook.Cli;

/// <summary>
/// <c>otel-webhook inject -f FILE|- [--instrumentations DIR] [--namespace NS] [--explain]</c>: offline injection, the
/// way <c>istioctl kube-inject</c> works. Every document of the file goes to standard output as YAML, Pods and
/// workload pod templates injected as the webhook would inject the pods they create, the rest unchanged.
/// Instrumentations and Namespaces come from DIR and from the file itself. Warnings, problems and (with
/// <c>--explain</c>) the decision per language go to standard error. Exit 0 on success, even with warnings; 1 when
/// a document could not be read; 2 for usage errors.
/// </summary>
public static class InjectCommand
{
    public const string Name = "inject";

    private const string DefaultNamespace = "default";

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
        if (folder is not null)
        {
            sources.AddFolder(folder);
        }

        sources.AddDocuments(documents);
        var snapshot = sources.Build();
        var report = new InjectReport(errors, explain);
        var written = new List<ReadOnlyMemory<byte>>(documents.Count);
        var failed = false;
        foreach (var document in documents)
        {
            var outcome = WorkloadInjector.Inject(document, ns, snapshot, settings);
            report.Write(document, outcome);
            written.Add(outcome.Json);
            failed |= outcome.Error is not null;
        }

        output.Write(YamlWriter.ToYaml(written));
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
