using Webhook.Generators.Tests.Emitting.Probes;
using Webhook.Generators.Tests.Harness;
using Xunit;

namespace Webhook.Generators.Tests.Emitting;

/// <summary>The code generated from the repository's schema files, compiled once with the probes and loaded.</summary>
public sealed class RealSchemaAssembly : IDisposable
{
    public RealSchemaAssembly()
    {
        Harness = GeneratorHarness.RunRealSchemas();
        Loaded = Harness.CompileAndLoad(CrdProbeSource.Text, TableProbeSource.Text);
    }

    public GeneratorHarness Harness { get; }

    public LoadedAssembly Loaded { get; }

    public void Dispose() => Loaded.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RealSchemaCollection : ICollectionFixture<RealSchemaAssembly>
{
    public const string Name = "Real schema assembly";
}
