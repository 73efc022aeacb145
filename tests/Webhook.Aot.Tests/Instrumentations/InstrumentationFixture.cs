using Webhook.Documents;
using Webhook.Instrumentations;

namespace Webhook.Tests.Instrumentations;

/// <summary>Loads Instrumentation YAML the way the validate command and the sources do.</summary>
internal static class InstrumentationFixture
{
    public static LoadedInstrumentation Load(string specYaml, string name = "otel", string ns = "demo")
    {
        var yaml = $"""
            apiVersion: opentelemetry.io/v1alpha1
            kind: Instrumentation
            metadata:
              name: {name}
              namespace: {ns}
            spec:
            {Indent(specYaml)}
            """;
        return LoadDocument(yaml);
    }

    public static LoadedInstrumentation LoadDocument(string yaml)
    {
        var document = DocumentReader.Read(yaml, "test.yaml").Single();
        return new InstrumentationLoader(ImageDefaults.FromTable).Load(document);
    }

    public static string Messages(LoadedInstrumentation loaded) => string.Join("\n", loaded.Errors.Select(e => e.ToString()));

    private static string Indent(string yaml) => string.Join("\n", yaml.Split('\n').Select(line => "  " + line));
}
