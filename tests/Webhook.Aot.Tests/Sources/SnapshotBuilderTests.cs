using Webhook.Documents;
using Webhook.Instrumentations;
using Webhook.Sources;

namespace Webhook.Tests.Sources;

/// <summary>One document's contribution to a snapshot, as the folder source, the API server watch and <c>inject</c> all read it.</summary>
public sealed class SnapshotBuilderTests
{
    private static readonly SnapshotBuilder s_builder = new(ImageDefaults.FromTable);

    [Theory]
    [InlineData("")]
    [InlineData("\n  namespace: \"\"")]
    public void Read_InstrumentationWithoutNamespace_BelongsToTheDefaultOne(string namespaceLine)
    {
        var document = Single($"""
            apiVersion: opentelemetry.io/v1alpha1
            kind: Instrumentation
            metadata:
              name: demo{namespaceLine}
            spec:
              exporter:
                endpoint: http://collector:4318
            """);

        var entry = s_builder.Read(document, "shop");

        Assert.Equal("shop", entry.Instrumentation?.Metadata?.Namespace);
    }

    [Fact]
    public void Read_NamespaceWithoutName_IsSkippedSayingWhy()
    {
        var entry = s_builder.Read(Single("apiVersion: v1\nkind: Namespace\nmetadata:\n  annotations: {a: b}\n"), "default");

        Assert.Null(entry.Namespace);
        Assert.Equal(["metadata.name is missing; Namespace skipped"], entry.Warnings);
    }

    private static SourceDocument Single(string yaml) => Assert.Single(DocumentReader.Read(yaml, "test.yaml"));
}
