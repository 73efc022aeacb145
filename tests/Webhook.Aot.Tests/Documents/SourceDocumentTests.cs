using System.Text;
using Webhook.Documents;
using Xunit;

namespace Webhook.Tests.Documents;

public sealed class SourceDocumentTests
{
    [Theory]
    [InlineData("{\"kind\":\"Instrumentation\",\"metadata\":{\"name\":\"otel\"}}", "file.yaml, document 2 (Instrumentation \"otel\")")]
    [InlineData("{\"kind\":\"Instrumentation\"}", "file.yaml, document 2 (Instrumentation)")]
    [InlineData("{\"metadata\":{\"name\":\"otel\"}}", "file.yaml, document 2 (\"otel\")")]
    [InlineData("{\"kind\":7,\"metadata\":{\"name\":[\"x\"]}}", "file.yaml, document 2")]
    public void Describe_KindAndName_ShownWhenTheyAreStrings(string json, string expected)
    {
        var document = new SourceDocument("file.yaml", 1, 3, Encoding.UTF8.GetBytes(json), new LineMap(3));

        Assert.Equal(expected, document.Describe());
    }

    [Fact]
    public void Properties_NonStringOrMissingFields_AreNull()
    {
        var document = new SourceDocument(
            "x.yaml", 0, 1, Encoding.UTF8.GetBytes("{\"apiVersion\":1,\"metadata\":\"oops\"}"), new LineMap(1));

        Assert.Null(document.ApiVersion);
        Assert.Null(document.Kind);
        Assert.Null(document.Name);
        Assert.Null(document.Namespace);
    }
}
