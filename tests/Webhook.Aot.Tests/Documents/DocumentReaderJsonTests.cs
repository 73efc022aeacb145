using Webhook.Documents;
using Xunit;
using static Webhook.Tests.Documents.DocumentReaderYamlTests;

namespace Webhook.Tests.Documents;

public sealed class DocumentReaderJsonTests
{
    [Fact]
    public void Read_JsonStreamOfTwoObjects_GivesTwoDocuments()
    {
        const string json = """
            // two objects, one after the other
            {"kind": "Namespace", "metadata": {"name": "apps"}}
            {
              "kind": "Instrumentation",
              "metadata": {"name": "otel", "namespace": "apps"},
              "spec": {"sampler": {"argument": "0.25", "ratio": 1.50}}
            }
            """;

        var documents = DocumentReader.Read(json, "stream.json");

        Assert.Equal(2, documents.Count);
        Assert.Equal([0, 1], documents.Select(document => document.Index));
        Assert.Equal([2, 3], documents.Select(document => document.StartLine));
        Assert.Equal("{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"apps\"}}", JsonOf(documents[0]));
        Assert.Equal(
            "{\"kind\":\"Instrumentation\",\"metadata\":{\"name\":\"otel\",\"namespace\":\"apps\"}," +
            "\"spec\":{\"sampler\":{\"argument\":\"0.25\",\"ratio\":1.50}}}",
            JsonOf(documents[1]));
        Assert.Equal("stream.json, document 2 (Instrumentation \"otel\")", documents[1].Describe());
        Assert.Equal(6, documents[1].Lines.LineOf("spec.sampler.ratio"));
    }

    [Fact]
    public void Read_JsonDuplicateProperty_NamesKeyPathAndLine()
    {
        const string json = "{\n  \"spec\": {\n    \"env\": [{\"name\": \"A\",\n      \"name\": \"B\"}]\n  }\n}";

        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(json, "x.json"));

        Assert.Equal("x.json: document 1, line 4: duplicate key \"name\" in spec.env[0]; remove one of them", error.Message);
        Assert.Equal("spec.env[0].name", error.Path);
        Assert.Equal(7, error.Column);
    }

    [Fact]
    public void Read_MalformedJson_ReportsOneBasedLineAndColumn()
    {
        const string json = "{\"a\": 1}\n{\n  \"b\": tru\n}";

        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(json, "bad.json"));

        Assert.Equal(1, error.DocumentIndex);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("bad.json: document 2, line 3: invalid JSON: ", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Theory]
    [InlineData("[{\"a\": 1}]", "an array")]
    [InlineData("{\"a\": 1} 5", "a number")]
    public void Read_TopLevelValueThatIsNotAnObject_IsRejected(string json, string found)
    {
        var error = Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(json, "x.json"));

        Assert.Contains("must be an object, found " + found, error.Message);
    }

    [Fact]
    public void Read_JsonStringsWithEscapes_AreNormalizedLikeYaml()
    {
        var fromJson = Assert.Single(DocumentReader.Read("{\"v\": \"\\u00e9\\n\\\"x\\\"\", \"num\": -0.0}", "x.json"));
        var fromYaml = Assert.Single(DocumentReader.Read("v: \"é\\n\\\"x\\\"\"\nnum: -0.0\n", "x.yaml"));

        Assert.Equal(JsonOf(fromYaml), JsonOf(fromJson));
    }

    [Fact]
    public void Read_MinifiedJsonOnOneLongLine_ReportsColumnsQuickly()
    {
        var items = string.Join(",", Enumerable.Range(0, 50_000).Select(i => "{\"n\":" + i + "}"));
        var json = "{\"items\":[" + items + "],\"last\":true}";

        var document = Assert.Single(DocumentReader.Read(json, "big.json"));

        Assert.True(document.Lines.TryGet("last", out var line, out var column));
        Assert.Equal((1, json.Length - 11), (line, column));
        Assert.True(document.Lines.TryGet("items[49999].n", out _, out var itemColumn));
        Assert.Equal(json.IndexOf("{\"n\":49999}", StringComparison.Ordinal) + 2, itemColumn);
    }

    [Theory]
    [InlineData(127, true)]
    [InlineData(128, false)]
    public void Read_NestingDepth_IsLimitedTheSameForJsonAndYaml(int arrays, bool accepted)
    {
        var json = "{\"a\":" + new string('[', arrays) + new string(']', arrays) + "}";
        var yaml = "a: " + new string('[', arrays) + new string(']', arrays) + "\n";

        foreach (var text in new[] { json, yaml })
        {
            if (accepted)
            {
                var document = Assert.Single(DocumentReader.Read(text, "deep"));
                Assert.Equal(document.Json, Assert.Single(DocumentReader.Read(YamlWriter.ToYaml(document.Json), "again")).Json);
            }
            else
            {
                Assert.Throws<DocumentFormatException>(() => DocumentReader.Read(text, "deep"));
            }
        }
    }
}
