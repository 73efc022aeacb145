using Webhook.Documents;
using Xunit;

namespace Webhook.Tests.Documents;

public sealed class LineMapTests
{
    private const string Yaml = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: app
          annotations:
            instrumentation.opentelemetry.io/inject-java: "true"
            plain: x
        spec:
          containers:
            - name: app
              env:
                - name: JAVA_TOOL_OPTIONS
                  value: " -javaagent:/x.jar"
                -
                  name: SECOND
            - name: sidecar
        """;

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("metadata", 3, 1)]
    [InlineData("metadata.annotations[instrumentation.opentelemetry.io/inject-java]", 6, 5)]
    [InlineData("metadata.annotations.plain", 7, 5)]
    [InlineData("spec.containers[0]", 10, 7)]
    [InlineData("spec.containers[0].name", 10, 7)]
    [InlineData("spec.containers[0].env[0].value", 13, 11)]
    [InlineData("spec.containers[0].env[1]", 15, 11)]
    [InlineData("spec.containers[1].name", 16, 7)]
    public void TryGet_YamlPaths_PointAtTheKeyOrElement(string path, int line, int column)
    {
        var lines = Assert.Single(DocumentReader.Read(Yaml, "pod.yaml")).Lines;

        Assert.True(lines.TryGet(path, out var actualLine, out var actualColumn));
        Assert.Equal((line, column), (actualLine, actualColumn));
    }

    [Theory]
    [InlineData("metadata.annotations[instrumentation.opentelemetry.io/inject-java]", 5)]
    [InlineData("spec.containers[0]", 9)]
    [InlineData("spec.containers[0].env[0].value", 10)]
    [InlineData("spec.containers[1]", 11)]
    public void TryGet_JsonPaths_PointAtTheKeyOrElement(string path, int line)
    {
        const string json = """
            {
              "metadata": {
                "name": "app",
                "annotations": {
                  "instrumentation.opentelemetry.io/inject-java": "true"
                }
              },
              "spec": {"containers": [
                {"env": [{"name": "A",
                          "value": "1"}]},
                {"name": "sidecar"}
              ]}
            }
            """;
        var lines = Assert.Single(DocumentReader.Read(json, "pod.json")).Lines;

        Assert.True(lines.TryGet(path, out var actualLine, out _));
        Assert.Equal(line, actualLine);
    }

    [Fact]
    public void TryGet_JsonColumns_CountCharactersNotBytes()
    {
        var lines = Assert.Single(DocumentReader.Read("{\"é\": 1, \"b\": 2}", "x.json")).Lines;

        Assert.True(lines.TryGet("b", out _, out var column));
        Assert.Equal(10, column);
    }

    [Fact]
    public void LineOf_UnknownPath_WalksUpToNearestKnownAncestor()
    {
        var lines = Assert.Single(DocumentReader.Read(Yaml, "pod.yaml")).Lines;

        Assert.False(lines.TryGet("spec.containers[0].env[0].valueFrom.fieldRef", out _, out _));
        Assert.Equal(12, lines.LineOf("spec.containers[0].env[0].valueFrom.fieldRef"));
        Assert.Equal(6, lines.LineOf("metadata.annotations[instrumentation.opentelemetry.io/inject-java].nested"));
        Assert.Equal(9, lines.LineOf("spec.containers[7]"));
    }

    [Fact]
    public void LineOf_NothingKnown_FallsBackToStartLine()
    {
        var lines = new LineMap(startLine: 42);

        Assert.Equal(42, lines.LineOf("spec.anything[3]"));
        Assert.Equal(42, lines.LineOf(""));
    }

    [Fact]
    public void LineOf_SecondDocument_UsesLinesOfTheWholeFile()
    {
        var documents = DocumentReader.Read("a: 1\n---\n\nkind: Pod\nspec:\n  x: 1\n", "x.yaml");

        Assert.Equal(4, documents[1].StartLine);
        Assert.Equal(6, documents[1].Lines.LineOf("spec.x"));
        Assert.Equal(4, documents[1].Lines.LineOf("missing"));
    }
}
