using System.Buffers;
using System.Text.Json;
using Webhook.Documents;
using Webhook.Instrumentations;
using Webhook.Offline;

namespace Webhook.Commands;

/// <summary>
/// <c>otel-webhook validate -f FILE|DIR|-</c>: each Instrumentation in the file (or in each YAML and JSON file of DIR) as the webhook will use it (defaults
/// applied) on standard output, errors, warnings and notes (an exporter endpoint no agent can deliver through) with
/// file and line on standard error. Exit 0 when every Instrumentation is valid, 1 otherwise.
/// </summary>
public static class ValidateCommand
{
    public const string Name = "validate";

    public static readonly CommandDefinition Definition = new(Name, "check Instrumentation resources and print them with defaults applied",
    [
        CommandOption.Value("--filename", "FILE|DIR|-", "the file, the folder of YAML and JSON files, or - for standard input", alias: "-f"),
        CommandOption.Value("--output", "FORMAT", "text: Instrumentations as YAML, findings on standard error; json: the findings as JSON", "text",
            alias: "-o", choices: OutputFormat.Names),
    ], Run)
    {
        Details = "Exit 0 when every Instrumentation is valid, 1 otherwise, 2 for usage errors.",
    };

    public static int Run(CommandLine line, TextWriter output, TextWriter errors)
    {
        var report = new FindingReport(errors, OutputFormat.IsJson(line));
        var exitCode = Check(line.Value("--filename"), output, report);
        if (report.IsJson)
        {
            report.WriteJson(output);
        }

        return exitCode;
    }

    private static int Check(string? path, TextWriter output, FindingReport report)
    {
        var source = path ?? "";
        var unreadable = 0;
        var documents = new List<SourceDocument>();
        foreach (var (text, name, reason) in Inputs(path))
        {
            source = Directory.Exists(path) ? path! : name;
            if (reason is not null)
            {
                report.Add(new OfflineFinding(FindingKind.InputUnreadable, reason, reason) { File = name });
                unreadable++;
                continue;
            }

            try
            {
                documents.AddRange(DocumentReader.Read(text!, name));
            }
            catch (DocumentFormatException e)
            {
                report.Add(OfflineFinding.Unreadable(e, e.Message));
                unreadable++;
            }
        }

        if (unreadable > 0 && documents.Count == 0)
        {
            return 1;
        }

        var loader = new InstrumentationLoader(ImageDefaults.FromTable);
        var valid = new List<ReadOnlyMemory<byte>>();
        var failed = 0;
        var seen = 0;
        foreach (var document in documents)
        {
            if (!InstrumentationLoader.IsInstrumentation(document))
            {
                report.Add(OfflineFinding.About(document, FindingKind.NotAnInstrumentation, "skipped, not an Instrumentation"));
                continue;
            }

            seen++;
            var loaded = loader.Load(document);
            foreach (var warning in loaded.Warnings)
            {
                report.Add(OfflineFinding.From(warning, document, FindingKind.InstrumentationWarning, "warning: " + document.Describe() + ": " + warning.Message));
            }

            if (loaded.Instrumentation is null)
            {
                failed++;
                report.Heading(document.Describe() + " is invalid:");
                foreach (var error in loaded.Errors)
                {
                    report.Add(OfflineFinding.From(error, document, FindingKind.InstrumentationInvalid, "  " + error));
                }

                continue;
            }

            foreach (var note in InstrumentationEndpointNotes.Of(document, loaded.Instrumentation))
            {
                report.Add(OfflineFinding.From(note, document, FindingKind.ExporterEndpoint, "note: " + note));
            }

            foreach (var note in PlaceholderNotes.Of(document, loaded.Instrumentation))
            {
                report.Add(OfflineFinding.From(note, document, FindingKind.Placeholder, "note: " + note));
            }

            valid.Add(ToJson(loaded.Instrumentation));
        }

        if (valid.Count > 0 && !report.IsJson)
        {
            output.Write(YamlWriter.ToYaml(valid));
        }

        if (seen == 0)
        {
            const string NoneFound = "no Instrumentation found (documents need kind: Instrumentation)";
            report.Add(new OfflineFinding(FindingKind.NoInstrumentationFound, source + ": " + NoneFound, NoneFound) { File = source });
            return 1;
        }

        return failed == 0 && unreadable == 0 ? 0 : 1;
    }

    /// <summary>
    /// The file (or standard input) as one text; a folder as each of its YAML and JSON files, read as the webhook's
    /// folder source reads them (regular files only, names starting with a dot skipped, in name order).
    /// </summary>
    private static IEnumerable<(string? Text, string Name, string? Problem)> Inputs(string? path)
    {
        if (path is null || path == "-" || !Directory.Exists(path))
        {
            var (text, name) = InputFile.Read(path, Name);
            yield return (text, name, null);
            yield break;
        }

        foreach (var file in Sources.InstrumentationFolder.Read(path))
        {
            var name = Path.Combine(path, file.Name);
            yield return (file.Text, name, file.ReadError is { } error ? name + ": " + error + "; file skipped" : null);
        }
    }

    private static ReadOnlyMemory<byte> ToJson(Crd.Instrumentation instrumentation)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            instrumentation.Write(writer);
        }

        return buffer.WrittenMemory;
    }
}
