using Webhook.Documents;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;

namespace Webhook.Tests.Support;

/// <summary>Instrumentations and snapshots made from YAML the way the folder source loads them, for tests.</summary>
public static class TestInstrumentations
{
    /// <summary>The one Instrumentation of <paramref name="yaml"/>, loaded and defaulted; a test fails if it is invalid.</summary>
    public static Webhook.Crd.Instrumentation Load(string yaml, string file = "test.yaml")
    {
        var loaded = new InstrumentationLoader(ImageDefaults.FromTable).Load(DocumentReader.Read(yaml, file).Single());
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return loaded.Instrumentation!;
    }

    /// <summary>A snapshot of the one Instrumentation of <paramref name="yaml"/> and the namespaces given.</summary>
    public static InstrumentationSnapshot Snapshot(string yaml, params NamespaceInfo[] namespaces)
        => new([Load(yaml)], namespaces);
}
