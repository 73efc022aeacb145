using Webhook.Documents;
using Webhook.Tests.Support;
using Xunit;

namespace Webhook.Tests.Documents;

public sealed class DocumentReaderYamlErrorTests
{
    [Fact]
    public void Read_DuplicateKey_NamesDocumentLineAndPath()
    {
        const string yaml = """
            kind: ConfigMap
            ---
            kind: Deployment
            spec:
              containers:
                - name: app
                  image: a
                  image: b
            """;

        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(yaml, "deploy.yaml"));

        Assert.Equal(
            "deploy.yaml: document 2, line 8: duplicate key \"image\" in spec.containers[0]; remove one of them",
            error.Message);
        Assert.Equal("deploy.yaml", error.SourceName);
        Assert.Equal(1, error.DocumentIndex);
        Assert.Equal(8, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Equal("spec.containers[0].image", error.Path);
    }

    [Fact]
    public void Read_DuplicateKeyThroughYamlBooleanSpelling_IsRejected()
    {
        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read("on: 1\ntrue: 2\n", "x.yaml"));

        Assert.Equal("x.yaml: document 1, line 2: duplicate key \"true\" at the top level; remove one of them", error.Message);
    }

    [Fact]
    public void Read_SyntaxError_ReportsLineAndColumnFromParser()
    {
        const string yaml = "a: 1\n---\nmetadata:\n  name: x\n labels: {}\n";

        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(yaml, "bad.yaml"));

        Assert.Equal(1, error.DocumentIndex);
        Assert.Equal(5, error.Line);
        Assert.Equal(2, error.Column);
        Assert.StartsWith("bad.yaml: document 2, line 5: invalid YAML: ", error.Message);
    }

    [Fact]
    public void Read_UnterminatedFlowSequence_ReportsSyntaxError()
    {
        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read("a: [1, 2\nb: 3\n", "bad.yaml"));

        Assert.Contains("invalid YAML", error.Message);
        Assert.True(error.Line >= 1);
    }

    [Fact]
    public void Read_MergeKey_IsRejectedAsUnsupported()
    {
        const string yaml = "base: &b\n  x: 1\nderived:\n  <<: *b\n  y: 2\n";

        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(yaml, "x.yaml"));

        Assert.Equal(4, error.Line);
        Assert.Equal("derived", error.Path);
        Assert.Contains("merge keys (<<) are not supported", error.Message);
    }

    [Theory]
    [InlineData("spec:\n  x: .inf\n", 2, "spec.x", "JSON cannot hold")]
    [InlineData("spec:\n  x: -.Inf\n", 2, "spec.x", "JSON cannot hold")]
    [InlineData("spec:\n  x: .nan\n", 2, "spec.x", "JSON cannot hold")]
    [InlineData("spec:\n  port: !!int abc\n", 2, "spec.port", "tagged !!int")]
    [InlineData("a: !!bool 1\n", 1, "a", "tagged !!bool")]
    [InlineData("a: !!null x\n", 1, "a", "tagged !!null")]
    [InlineData("a:\n  [x, y]: 1\n", 2, "a", "keys must be scalars")]
    [InlineData("a:\n  ~: 1\n", 2, "a", "is null")]
    [InlineData("a: *missing\n", 1, "a", "no anchor &missing")]
    [InlineData("a: &r\n  b: *r\n", 2, "a.b", "contains it")]
    public void Read_InvalidContent_NamesLineAndPath(string yaml, int line, string path, string problem)
    {
        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(yaml, "x.yaml"));

        Assert.Equal(line, error.Line);
        Assert.Equal(path, error.Path);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"x.yaml: document 1, line {line}: ", error.Message);
    }

    [Theory]
    [InlineData("- a\n- b\n", "a sequence")]
    [InlineData("just text\n", "the scalar just text")]
    public void Read_DocumentThatIsNotAMapping_IsRejected(string yaml, string found)
    {
        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read("a: 1\n---\n" + yaml, "x.yaml"));

        Assert.Equal(1, error.DocumentIndex);
        Assert.Equal(3, error.Line);
        Assert.Contains("must be a mapping", error.Message);
        Assert.Contains(found, error.Message);
    }

    [Fact]
    public void Read_AliasesExpandingExponentially_AreStopped()
    {
        var yaml = new System.Text.StringBuilder("l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append($"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n");
        }

        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(yaml.ToString(), "bomb.yaml"));

        Assert.Contains("aliases expand to more than", error.Message);
    }

    [Fact]
    public void Read_FewAliasesOfALargeNode_StoppedByBytesAtTheAliasLine()
    {
        // 60 aliases are few events but 60 MiB of JSON: the cap counts what aliases write, not how many there are.
        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(HostileFiles.AliasBomb(), "bomb.yaml"));

        Assert.StartsWith("bomb.yaml: document 1, line " + HostileFiles.AliasBombAliasLine + ": aliases expand to more than 1 MiB of JSON",
            error.Message, StringComparison.Ordinal);
        Assert.Equal("copies", error.Path.Split('[')[0]);
    }

    [Fact]
    public void Read_AliasesWithinTheByteCap_AreExpanded()
    {
        var quarter = YamlSourceReader.MaxAliasBytes / 4;

        var document = Assert.Single(DocumentReader.Read(HostileFiles.AliasBomb(blobBytes: quarter - 16, aliases: 3), "x.yaml"));

        Assert.True(document.Json.Length > 4 * quarter, "the anchored string and its three copies");
    }

    [Fact]
    public void Read_TooDeeplyNested_IsRejected()
    {
        var yaml = "a: " + new string('[', 300) + new string(']', 300) + "\n";

        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(yaml, "deep.yaml"));

        Assert.Contains("nesting deeper than", error.Message);
    }
}
