using System.Text;
using System.Text.Json.Nodes;
using Webhook.Json;

namespace Webhook.Tests.Json;

/// <summary>The RFC 6902 applier that puts the engine's patch into a pod template.</summary>
public sealed class JsonPatchTests
{
    [Theory]
    [InlineData("""[{"op":"add","path":"/b","value":2}]""", """{"a":1,"list":[1,2],"b":2}""")]
    [InlineData("""[{"op":"add","path":"/a","value":{"x":null}}]""", """{"a":{"x":null},"list":[1,2]}""")]
    [InlineData("""[{"op":"add","path":"/list/0","value":0}]""", """{"a":1,"list":[0,1,2]}""")]
    [InlineData("""[{"op":"add","path":"/list/2","value":3}]""", """{"a":1,"list":[1,2,3]}""")]
    [InlineData("""[{"op":"add","path":"/list/-","value":3},{"op":"add","path":"/list/-","value":4}]""", """{"a":1,"list":[1,2,3,4]}""")]
    [InlineData("""[{"op":"replace","path":"/a","value":"one"}]""", """{"a":"one","list":[1,2]}""")]
    [InlineData("""[{"op":"replace","path":"/list/1","value":20}]""", """{"a":1,"list":[1,20]}""")]
    [InlineData("""[{"op":"remove","path":"/a"}]""", """{"list":[1,2]}""")]
    [InlineData("""[{"op":"remove","path":"/list/0"}]""", """{"a":1,"list":[2]}""")]
    [InlineData("""[{"op":"replace","path":"","value":[true]}]""", """[true]""")]
    [InlineData("""[]""", """{"a":1,"list":[1,2]}""")]
    public void Apply_Operation_GivesTheExpectedDocument(string patch, string expected)
    {
        var result = Apply("""{"a":1,"list":[1,2]}""", patch);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result?.ToJsonString());
    }

    [Fact]
    public void Apply_AddIntoNestedArrayOfObjects_ReachesThroughIndexes()
    {
        var pod = """{"spec":{"containers":[{"name":"a"},{"name":"b","env":[]}]}}""";

        var result = Apply(pod, """[{"op":"add","path":"/spec/containers/1/env/-","value":{"name":"X","value":"1"}}]""");

        Assert.Equal("X", (string?)result!["spec"]!["containers"]![1]!["env"]![0]!["name"]);
    }

    [Fact]
    public void Apply_EscapedPointer_ReachesKeysWithSlashAndTilde()
    {
        var pod = """{"metadata":{"annotations":{"a/b~c":"old"}}}""";

        var result = Apply(pod, """
            [{"op":"replace","path":"/metadata/annotations/a~1b~0c","value":"new"},
             {"op":"add","path":"/metadata/annotations/instrumentation.opentelemetry.io~1inject-java","value":"true"},
             {"op":"add","path":"/metadata/annotations/~01","value":"tilde-one"}]
            """);

        var annotations = result!["metadata"]!["annotations"]!;
        Assert.Equal("new", (string?)annotations["a/b~c"]);
        Assert.Equal("true", (string?)annotations["instrumentation.opentelemetry.io/inject-java"]);
        Assert.Equal("tilde-one", (string?)annotations["~1"]);
    }

    [Fact]
    public void Apply_ValueOfOneOperation_IsNotSharedWithTheNext()
    {
        var result = Apply("""{"a":[],"b":[]}""", """
            [{"op":"add","path":"/a/-","value":{"k":1}},{"op":"add","path":"/b/-","value":{"k":2}},{"op":"replace","path":"/a/0/k","value":3}]
            """);

        Assert.Equal("""{"a":[{"k":3}],"b":[{"k":2}]}""", result!.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/missing/x","value":1}]""", "JSON Patch operation 1 (add \"/missing/x\"): there is no member \"missing\" on the way")]
    [InlineData("""[{"op":"add","path":"/list/3","value":1}]""", "JSON Patch operation 1 (add \"/list/3\"): index 3 is past the end of an array of 2")]
    [InlineData("""[{"op":"add","path":"/list/01","value":1}]""", "JSON Patch operation 1 (add \"/list/01\"): \"01\" is not an array index")]
    [InlineData("""[{"op":"add","path":"/list/x","value":1}]""", "JSON Patch operation 1 (add \"/list/x\"): \"x\" is not an array index")]
    [InlineData("""[{"op":"replace","path":"/list/-","value":1}]""", "JSON Patch operation 1 (replace \"/list/-\"): \"-\" is not an array index")]
    [InlineData("""[{"op":"replace","path":"/list/2","value":1}]""", "JSON Patch operation 1 (replace \"/list/2\"): index 2 is past the end of an array of 2")]
    [InlineData("""[{"op":"replace","path":"/b","value":1}]""", "JSON Patch operation 1 (replace \"/b\"): there is no member \"b\" to replace")]
    [InlineData("""[{"op":"remove","path":"/a"},{"op":"remove","path":"/a"}]""", "JSON Patch operation 2 (remove \"/a\"): there is no member \"a\" to remove")]
    [InlineData("""[{"op":"add","path":"/a/x","value":1}]""", "JSON Patch operation 1 (add \"/a/x\"): the target's parent is neither an object nor an array")]
    [InlineData("""[{"op":"add","path":"/a/x/y","value":1}]""", "JSON Patch operation 1 (add \"/a/x/y\"): \"x\" is below a value that is neither an object nor an array")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""", "JSON Patch operation 1 (add \"a\"): \"a\" is not a JSON pointer; it must be empty or start with '/'")]
    [InlineData("""[{"op":"add","path":"/a~2","value":1}]""", "JSON Patch operation 1 (add \"/a~2\"): \"/a~2\" has a '~' not followed by 0 or 1")]
    [InlineData("""[{"op":"add","path":"/b"}]""", "JSON Patch operation 1 (add \"/b\"): the operation has no \"value\"")]
    [InlineData("""[{"op":"move","from":"/a","path":"/b"}]""", "JSON Patch operation 1 (move \"/b\"): unsupported operation \"move\" (supported: add, remove, replace)")]
    [InlineData("""[{"path":"/a"}]""", "JSON Patch operation 1: \"op\" is missing or not a string")]
    [InlineData("""[1]""", "JSON Patch operation 1: an operation is an object with \"op\" and \"path\"")]
    [InlineData("""{"op":"add"}""", "a JSON Patch is an array of operations")]
    [InlineData("""[{"op":""", "the JSON Patch is not valid JSON: ")]
    public void Apply_PatchThatDoesNotFit_ThrowsNamingTheOperationAndPath(string patch, string message)
    {
        var exception = Assert.Throws<JsonPatchException>(() => Apply("""{"a":1,"list":[1,2]}""", patch));

        Assert.StartsWith(message, exception.Message, StringComparison.Ordinal);
    }

    private static JsonNode? Apply(string document, string patch) => JsonPatch.Apply(JsonNode.Parse(document), Encoding.UTF8.GetBytes(patch));
}
