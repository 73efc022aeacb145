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

    private static readonly Dictionary<string, bool> s_options = new() { ["-f"] = true, ["--filename"] = true };

    public static int Run(ReadOnlySpan<string> arguments, TextWriter output, TextWriter errors)
    {
        var line = CommandLine.Parse(Name, arguments, s_options);
        var path = line.Value("-f") ?? line.Value("--filename");
        var source = path ?? "";
        var unreadable = 0;
        var documents = new List<SourceDocument>();
        foreach (var (text, name, reason) in Inputs(path))
        {
            source = Directory.Exists(path) ? path! : name;
            var problem = reason;
            try
            {
                documents.AddRange(problem is null ? DocumentReader.Read(text!, name) : []);
            }
            catch (DocumentFormatException e)
            {
                problem = e.Message;
            }

            if (problem is not null)
            {
                errors.WriteLine(problem);
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
                errors.WriteLine(document.Describe() + ": skipped, not an Instrumentation");
                continue;
            }

            seen++;
            var loaded = loader.Load(document);
            foreach (var warning in loaded.Warnings)
            {
                errors.WriteLine("warning: " + document.Describe() + ": " + warning.Message);
            }

            if (loaded.Instrumentation is null)
            {
                failed++;
                errors.WriteLine(document.Describe() + " is invalid:");
                foreach (var error in loaded.Errors)
                {
                    errors.WriteLine("  " + error);
                }

                continue;
            }

            foreach (var note in InstrumentationEndpointNotes.Of(document, loaded.Instrumentation).Concat(PlaceholderNotes.Of(document, loaded.Instrumentation)))
            {
                errors.WriteLine("note: " + note);
            }

            valid.Add(ToJson(loaded.Instrumentation));
        }

        if (valid.Count > 0)
        {
            output.Write(YamlWriter.ToYaml(valid));
        }

        if (seen == 0)
        {
            errors.WriteLine(source + ": no Instrumentation found (documents need kind: Instrumentation)");
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
