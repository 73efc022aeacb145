using System.Text;
using Webhook.Documents;
using Xunit;

namespace Webhook.Tests.Documents;

public sealed class DocumentReaderYamlTests
{
    [Fact]
    public void Read_MultiDocumentYamlWithEmptyDocument_SkipsItButKeepsIndexesAndStartLines()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: first
            ---
            # nothing but a comment
            ---
            ---
            # leading comment

            apiVersion: opentelemetry.io/v1alpha1
            kind: Instrumentation
            metadata:
              name: otel
              namespace: apps
            """;

        var documents = DocumentReader.Read(yaml, "all.yaml");

        Assert.Equal(2, documents.Count);
        Assert.Equal(0, documents[0].Index);
        Assert.Equal(1, documents[0].StartLine);
        Assert.Equal(3, documents[1].Index);
        Assert.Equal(11, documents[1].StartLine);
        Assert.Equal("Instrumentation", documents[1].Kind);
        Assert.Equal("otel", documents[1].Name);
        Assert.Equal("apps", documents[1].Namespace);
        Assert.Equal("opentelemetry.io/v1alpha1", documents[1].ApiVersion);
        Assert.Equal("all.yaml, document 4 (Instrumentation \"otel\")", documents[1].Describe());
        Assert.All(documents, document => Assert.Equal("all.yaml", document.SourceName));
    }

    [Fact]
    public void Read_DocumentsWithExplicitEndMarkers_ReadsEachDocument()
    {
        var documents = DocumentReader.Read("a: 1\n...\n---\nb: 2\n...\n", "x.yaml");

        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], documents.Select(JsonOf));
        Assert.Equal([0, 1], documents.Select(document => document.Index));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("# only a comment\n", 0)]
    [InlineData("---\n---\n", 0)]
    [InlineData("---\n~\n---\nnull\n---\na: 1\n", 1)]
    public void Read_EmptyAndNullDocuments_AreSkipped(string yaml, int expectedCount)
    {
        Assert.Equal(expectedCount, DocumentReader.Read(yaml, "x.yaml").Count);
    }

    [Theory]
    [InlineData("false", "false")]
    [InlineData("\"false\"", "\"false\"")]
    [InlineData("'yes'", "\"yes\"")]
    [InlineData("yes", "true")]
    [InlineData("Yes", "true")]
    [InlineData("ON", "true")]
    [InlineData("y", "true")]
    [InlineData("off", "false")]
    [InlineData("N", "false")]
    [InlineData("TRUE", "true")]
    [InlineData("tRUE", "\"tRUE\"")]
    [InlineData("yes please", "\"yes please\"")]
    [InlineData("0x1F", "31")]
    [InlineData("-0x10", "-16")]
    [InlineData("010", "8")]
    [InlineData("0777", "511")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    [InlineData("-0b11", "-3")]
    [InlineData("08", "8")]
    [InlineData("1_000", "1000")]
    [InlineData("+5", "5")]
    [InlineData("-7", "-7")]
    [InlineData("-0", "-0")]
    [InlineData("9223372036854775808", "9223372036854775808")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("1.0", "1.0")]
    [InlineData("1.", "1")]
    [InlineData(".5", "0.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("+1.5", "1.5")]
    [InlineData("1_0.5", "10.5")]
    [InlineData("1e3", "1e3")]
    [InlineData("1.5E-3", "1.5E-3")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    [InlineData("2024-01-31", "\"2024-01-31\"")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("", "null")]
    [InlineData("nil", "\"nil\"")]
    [InlineData("NaN", "\"NaN\"")]
    [InlineData("<<", "\"<<\"")]
    [InlineData("!!str 123", "\"123\"")]
    [InlineData("!!str true", "\"true\"")]
    [InlineData("!!int \"42\"", "42")]
    [InlineData("!!int 0x10", "16")]
    [InlineData("!!bool yes", "true")]
    [InlineData("!!float 1", "1")]
    [InlineData("!!null ''", "null")]
    [InlineData("! 12", "\"12\"")]
    [InlineData("!custom 12", "\"12\"")]
    [InlineData("http://x:8080/p#f", "\"http://x:8080/p#f\"")]
    public void Read_Scalar_ResolvesAsKubernetesDoes(string yamlValue, string expectedJson)
    {
        var document = Assert.Single(DocumentReader.Read("v: " + yamlValue + "\n", "x.yaml"));

        Assert.Equal("{\"v\":" + expectedJson + "}", JsonOf(document));
    }

    [Theory]
    [InlineData("1: a\n", "{\"1\":\"a\"}")]
    [InlineData("0x10: a\n", "{\"16\":\"a\"}")]
    [InlineData("yes: a\n", "{\"true\":\"a\"}")]
    [InlineData("\"yes\": a\n", "{\"yes\":\"a\"}")]
    [InlineData("'<<': a\n", "{\"<<\":\"a\"}")]
    public void Read_ScalarKeys_AreConvertedToStrings(string yaml, string expectedJson)
    {
        Assert.Equal(expectedJson, JsonOf(Assert.Single(DocumentReader.Read(yaml, "x.yaml"))));
    }

    [Fact]
    public void Read_BlockScalars_KeepTextAndChomping()
    {
        const string yaml = """
            literal: |
              line one
                indented
              line three
            strip: |-
              no newline
            keep: |+
              two newlines

            folded: >
              folded
              text

              paragraph
            number: |
              123
            last: x
            """;

        var document = Assert.Single(DocumentReader.Read(yaml, "x.yaml"));

        Assert.Equal(
            "{\"literal\":\"line one\\n  indented\\nline three\\n\",\"strip\":\"no newline\",\"keep\":\"two newlines\\n\\n\"," +
            "\"folded\":\"folded text\\nparagraph\\n\",\"number\":\"123\\n\",\"last\":\"x\"}",
            JsonOf(document));
    }

    [Fact]
    public void Read_AnchorsAndAliases_CopyTheAnchoredNode()
    {
        const string yaml = """
            defaults: &env
              - name: A
                value: "1"
            port: &port 8080
            first:
              env: *env
              port: *port
            second:
              env: *env
            """;

        var document = Assert.Single(DocumentReader.Read(yaml, "x.yaml"));

        Assert.Equal(
            "{\"defaults\":[{\"name\":\"A\",\"value\":\"1\"}],\"port\":8080," +
            "\"first\":{\"env\":[{\"name\":\"A\",\"value\":\"1\"}],\"port\":8080},\"second\":{\"env\":[{\"name\":\"A\",\"value\":\"1\"}]}}",
            JsonOf(document));
        Assert.Equal(6, document.Lines.LineOf("first.env"));
        Assert.Equal(2, document.Lines.LineOf("first.env[0].name"));
    }

    [Fact]
    public void Read_AnchorRedefinedLater_AliasUsesTheLatestDefinition()
    {
        var document = Assert.Single(DocumentReader.Read("a: &x 1\nb: *x\nc: &x 2\nd: *x\n", "x.yaml"));

        Assert.Equal("{\"a\":1,\"b\":1,\"c\":2,\"d\":2}", JsonOf(document));
    }

    [Fact]
    public void Read_FlowStyleAndQuotedKeys_ReadLikeBlockStyle()
    {
        var document = Assert.Single(DocumentReader.Read("spec: {a: [1, two, {b: null}], \"c d\": 'e'}\n", "x.yaml"));

        Assert.Equal("{\"spec\":{\"a\":[1,\"two\",{\"b\":null}],\"c d\":\"e\"}}", JsonOf(document));
    }

    [Fact]
    public void Read_YamlFlowMappingAtTheStart_IsTakenForJson()
    {
        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read("{a: 1}\n", "x.yaml"));

        Assert.Contains("invalid JSON", error.Message);
    }

    [Fact]
    public void Read_HashCommentBeforeJsonLikeText_IsReadAsYaml()
    {
        var document = Assert.Single(DocumentReader.Read("# generated\n{\"kind\": \"Pod\", \"n\": 1}\n", "x.yaml"));

        Assert.Equal("{\"kind\":\"Pod\",\"n\":1}", JsonOf(document));
    }

    [Fact]
    public void Read_NonAsciiText_IsKeptReadable()
    {
        var document = Assert.Single(DocumentReader.Read("v: \"é 中文 <b>&'+\"\n", "x.yaml"));

        Assert.Equal("{\"v\":\"é 中文 <b>&'+\"}", JsonOf(document));
    }

    internal static string JsonOf(SourceDocument document) => Encoding.UTF8.GetString(document.Json);
}
