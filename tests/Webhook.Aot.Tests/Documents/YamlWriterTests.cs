using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Webhook.Documents;
using Xunit;
using static Webhook.Tests.Documents.DocumentReaderYamlTests;

namespace Webhook.Tests.Documents;

public sealed class YamlWriterTests
{
    private static readonly string[] s_trickyStrings =
    [
        "", " ", "   ", "plain", "two words", "true", "false", "True", "FALSE", "yes", "No", "on", "OFF", "y", "N",
        "null", "Null", "~", "nil", "NaN", ".inf", "-.Inf", ".nan", "1", "-1", "+1", "0", "-0", "007", "08", "0x1F",
        "0o17", "0b101", "1_000", "1.5", "1.", ".5", "1e3", "1.2.3", "2024-01-31", "2024-01-31T10:00:00Z",
        " -javaagent:/x.jar", "-javaagent:/x.jar", "trailing ", "\ttab first", "tab\tinside", "a: b", "a:b", "key:",
        "a #b", "a#b", "#comment", "-", "- x", "--- x", "---", "...", "*alias", "&anchor", "!tag", "{a}", "[1]",
        "'single'", "\"double\"", "%directive", "@at", "`tick`", ",comma", "?", "? x", ":", "|", ">", "<<", "=",
        "a,b", "a]b", "{{ .Values.x }}", "${VAR}", "http://x:8080/p?q=1#f", "C:\\path\\file", "\\",
        "é ü 中文 𝄞", "\u007F", "\u0001", "\uFEFF", "x\u0085y", "x\u2028y", "nbsp\u00A0",
        "a\nb", "a\n", "a\n\n", "a\n\n\n", "\n", "\n\n", "\na", "\n\na\n", "  indented\nline", "line\n  indented\n",
        "line\n    \nafter blank", "x\n\ty", "cr\r\nlf", "ends with space \nx", "#!/bin/sh\necho \"hi\" # comment\n",
        "key: value\n- item\n", "---\nnot a document\n", new string('x', 1100),
    ];

    [Fact]
    public void ToYaml_KubernetesObject_WritesBlockStyle()
    {
        const string json = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"app","labels":{},
             "annotations":{"instrumentation.opentelemetry.io/inject-java":"true"}},
             "spec":{"containers":[{"name":"app","args":[],"ports":[{"containerPort":8080}],
             "env":[{"name":"JAVA_TOOL_OPTIONS","value":" -javaagent:/x.jar"},{"name":"N","value":"1"}]}],
             "script":"set -e\nrun\n","enabled":true,"ratio":0.25,"nothing":null}}
            """;

        var yaml = YamlWriter.ToYaml(Encoding.UTF8.GetBytes(json));

        Assert.Equal(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: app
              labels: {}
              annotations:
                instrumentation.opentelemetry.io/inject-java: "true"
            spec:
              containers:
              - name: app
                args: []
                ports:
                - containerPort: 8080
                env:
                - name: JAVA_TOOL_OPTIONS
                  value: " -javaagent:/x.jar"
                - name: "N"
                  value: "1"
              script: |
                set -e
                run
              enabled: true
              ratio: 0.25
              nothing: null

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void ToYaml_SeveralDocuments_SeparatesThemWithDashes()
    {
        var documents = DocumentReader.Read("{\"a\":1}\n{\"b\":[[1,2],[]]}\n{}", "x.json");

        var yaml = YamlWriter.ToYaml(documents);

        Assert.Equal("a: 1\n---\nb:\n- - 1\n  - 2\n- []\n---\n{}\n", yaml);
        Assert.Equal(documents.Select(JsonOf), DocumentReader.Read(yaml, "x.yaml").Select(JsonOf));
    }

    [Theory]
    [InlineData("true", "\"true\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("1", "\"1\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("", "\"\"")]
    [InlineData("~", "\"~\"")]
    [InlineData(" -javaagent:/x.jar", "\" -javaagent:/x.jar\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("*x", "\"*x\"")]
    [InlineData("a\"b\\c", "a\"b\\c")]
    [InlineData("say \"hi\"\tnow", "\"say \\\"hi\\\"\\tnow\"")]
    [InlineData("a\nb", "|-\n  a\n  b")]
    [InlineData("a\n\n", "|+\n  a\n")]
    [InlineData("  a\nb", "\"  a\\nb\"")]
    [InlineData("plain words", "plain words")]
    public void ToYaml_String_IsQuotedOnlyWhenPlainWouldChangeIt(string value, string expected)
    {
        var yaml = YamlWriter.ToYaml(JsonBytes(writer => writer.WriteString("v", value)));

        Assert.Equal("v: " + expected + "\n", yaml);
    }

    [Fact]
    public void ToYaml_TrickyStringsAsValuesKeysAndItems_RoundTripsByteForByte()
    {
        var json = JsonBytes(writer =>
        {
            writer.WriteStartObject("values");
            for (var i = 0; i < s_trickyStrings.Length; i++)
            {
                writer.WriteString("v" + i, s_trickyStrings[i]);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("keys");
            foreach (var key in s_trickyStrings.Distinct())
            {
                writer.WriteString(key, key);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in s_trickyStrings)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        });

        AssertRoundTrips(json);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void ToYaml_RandomNestedDocuments_RoundTripByteForByte(int seed)
    {
        var random = new Random(seed);
        var documents = Enumerable.Range(0, 3)
            .Select(_ => JsonBytes(writer => WriteRandomMembers(writer, random, depth: 0)))
            .ToList();
        var read = documents.Select(json => Assert.Single(DocumentReader.Read(Encoding.UTF8.GetString(json), "in.json")).Json).ToList();

        var yaml = YamlWriter.ToYaml(read.Select(json => new ReadOnlyMemory<byte>(json)));
        var reread = DocumentReader.Read(yaml, "out.yaml");

        Assert.Equal(read.Count, reread.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.True(
                read[i].AsSpan().SequenceEqual(reread[i].Json),
                $"document {i} differs.\nYAML:\n{yaml}\nexpected {Encoding.UTF8.GetString(read[i])}\nactual   {JsonOf(reread[i])}");
        }
    }

    [Fact]
    public void ToYaml_Numbers_KeepTheirLiteralText()
    {
        AssertRoundTrips(Encoding.UTF8.GetBytes(
            "{\"a\":1.0,\"b\":-0,\"c\":1E+300,\"d\":123456789012345678901234567890,\"e\":0.000001,\"f\":-1.5e-7,\"g\":[true,false,null]}"));
    }

    private static void AssertRoundTrips(byte[] json)
    {
        var original = Assert.Single(DocumentReader.Read(Encoding.UTF8.GetString(json), "in.json"));

        var yaml = YamlWriter.ToYaml(original.Json);
        var reread = Assert.Single(DocumentReader.Read(yaml, "out.yaml"));

        Assert.True(
            original.Json.AsSpan().SequenceEqual(reread.Json),
            $"YAML:\n{yaml}\nexpected {JsonOf(original)}\nactual   {JsonOf(reread)}");
    }

    private static void WriteRandomMembers(Utf8JsonWriter writer, Random random, int depth)
    {
        var count = random.Next(depth == 0 ? 1 : 0, 5);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = s_trickyStrings[random.Next(s_trickyStrings.Length)];
            if (used.Add(key))
            {
                writer.WritePropertyName(key);
                WriteRandomValue(writer, random, depth + 1);
            }
        }
    }

    private static void WriteRandomValue(Utf8JsonWriter writer, Random random, int depth)
    {
        switch (random.Next(depth > 5 ? 4 : 7))
        {
            case 0:
            case 1:
                writer.WriteStringValue(s_trickyStrings[random.Next(s_trickyStrings.Length)]);
                break;
            case 2:
                writer.WriteRawValue(random.Next(4) switch { 0 => "42", 1 => "-0.5", 2 => "1e-9", _ => "0" });
                break;
            case 3:
                switch (random.Next(3))
                {
                    case 0: writer.WriteBooleanValue(true); break;
                    case 1: writer.WriteBooleanValue(false); break;
                    default: writer.WriteNullValue(); break;
                }

                break;
            case 4:
            case 5:
                writer.WriteStartObject();
                WriteRandomMembers(writer, random, depth);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStartArray();
                for (var i = random.Next(0, 4); i > 0; i--)
                {
                    WriteRandomValue(writer, random, depth + 1);
                }

                writer.WriteEndArray();
                break;
        }
    }

    private static byte[] JsonBytes(Action<Utf8JsonWriter> writeMembers)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
