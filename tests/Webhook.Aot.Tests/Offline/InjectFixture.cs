using System.Text.Json.Nodes;
using Webhook.Commands;
using Webhook.Documents;

namespace Webhook.Tests.Offline;

/// <summary>A temp folder for inject's input files, and a runner that goes through the binary's own entry point.</summary>
public sealed class InjectFixture : IDisposable
{
    public const string JavaAnnotation = "instrumentation.opentelemetry.io/inject-java";

    public InjectFixture()
    {
        Folder = Directory.CreateTempSubdirectory("inject-tests-").FullName;
    }

    public string Folder { get; }

    public static string Instrumentation(string name, string? ns) => $"""
        apiVersion: opentelemetry.io/v1alpha1
        kind: Instrumentation
        metadata:
          name: {name}
        {(ns is null ? "" : "  namespace: " + ns)}
        spec:
          exporter:
            endpoint: http://collector:4318
          sampler:
            type: parentbased_always_on
        """;

    public static string Deployment(string name, string? ns, string templateAnnotations = "{" + JavaAnnotation + ": \"true\"}") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        {(ns is null ? "" : "  namespace: " + ns)}
        spec:
          selector: {"{matchLabels: {app: " + name + "}}"}
          template:
            metadata:
              labels: {"{app: " + name + "}"}
              annotations: {templateAnnotations}
            spec:
              containers:
                - name: app
                  image: example/{name}:1.4.2
        """;

    public string Write(string name, params string[] documents)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join("\n---\n", documents));
        return path;
    }

    public static InjectRun Run(params string[] arguments) => Shell(["inject", .. arguments]);

    /// <summary>Any command line, through the binary's own entry point.</summary>
    public static InjectRun Shell(params string[] arguments)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = CommandShell.Run(arguments, output, errors);
        return new InjectRun(exitCode, output.ToString(), errors.ToString());
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>What one inject run printed and returned.</summary>
public sealed record InjectRun(int ExitCode, string Output, string Errors)
{
    public List<JsonObject> Documents => DocumentReader.Read(Output, "stdout").Select(d => (JsonObject)JsonNode.Parse(d.Json)!).ToList();

    public JsonObject Document(int index) => Documents[index];
}

/// <summary>Reads the injected parts of a pod spec the tests look at.</summary>
public static class PodSpecs
{
    public static JsonObject At(JsonNode document, params string[] path)
    {
        var node = document;
        foreach (var member in path)
        {
            node = node[member]!;
        }

        return (JsonObject)node;
    }

    public static string? Env(JsonObject podSpec, string container, string name)
        => (string?)podSpec["containers"]!.AsArray().Single(c => (string?)c!["name"] == container)!["env"]?.AsArray()
            .SingleOrDefault(e => (string?)e!["name"] == name)?["value"];

    public static IEnumerable<string> InitContainerNames(JsonObject podSpec)
        => podSpec["initContainers"]?.AsArray().Select(c => (string)c!["name"]!) ?? [];

    public static bool IsJavaInjected(JsonObject podSpec) => InitContainerNames(podSpec).Contains("opentelemetry-auto-instrumentation-java");
}
