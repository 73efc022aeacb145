using System.Text.Json.Nodes;
using Webhook.Commands;
using Webhook.Documents;

namespace Webhook.Tests.Journey;

/// <summary>
/// The auto-instrumentation guide's files as the repository keeps them: the examples a user copies
/// (examples/guide) and the guide's own versions where they cannot work as written (tests/testdata/guide).
/// </summary>
public static class Guide
{
    public static readonly string[] Languages = ["dotnet", "java", "nodejs", "python", "go"];

    public static string Examples => Path.Combine(AppContext.BaseDirectory, "examples", "guide");

    public static string Testdata => Path.Combine(AppContext.BaseDirectory, "testdata", "guide");

    public static TheoryData<string> LanguageData => [.. Languages];

    public static string Example(string name) => Path.Combine(Examples, name);

    public static string GuideVersion(string name) => Path.Combine(Testdata, name);

    /// <summary>The one document of <paramref name="path"/> as JSON.</summary>
    public static JsonObject Read(string path) => (JsonObject)JsonNode.Parse(Assert.Single(DocumentReader.Read(File.ReadAllText(path), path)).Json)!;

    /// <summary>The flags a language needs beyond the operator's defaults: Go is off unless switched on.</summary>
    public static string[] Switches(string language) => language == "go" ? ["--enable-go-instrumentation"] : [];

    public static CommandRun Run(params string[] arguments)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = CommandShell.Run(arguments, output, errors);
        return new CommandRun(exitCode, output.ToString(), errors.ToString());
    }
}

/// <summary>What one run of the binary's entry point printed and returned.</summary>
public sealed record CommandRun(int ExitCode, string Output, string Errors)
{
    public IReadOnlyList<SourceDocument> Documents => DocumentReader.Read(Output, "stdout");

    public JsonObject Document(int index) => (JsonObject)JsonNode.Parse(Documents[index].Json)!;

    public IEnumerable<string> ErrorLines => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// The folder a user keeps the Instrumentations of one namespace in, as in the walkthrough (<c>otel/</c>):
/// <c>inject --instrumentations</c> reads every file in it, as the webhook sees every Instrumentation of a namespace.
/// </summary>
public sealed class InstrumentationFolder : IDisposable
{
    public InstrumentationFolder(params string[] files)
    {
        Path = Directory.CreateTempSubdirectory("guide-otel-").FullName;
        foreach (var file in files)
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; }

    /// <summary><c>inject -f WORKLOAD --instrumentations THIS --namespace demo</c> and any further arguments.</summary>
    public CommandRun Inject(string workload, params string[] arguments) =>
        Guide.Run(["inject", "-f", workload, "--instrumentations", Path, "--namespace", "demo", .. arguments]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
