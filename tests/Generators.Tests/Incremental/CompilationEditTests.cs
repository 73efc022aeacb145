using Microsoft.CodeAnalysis;
using Xunit;

namespace Webhook.Generators.Tests.Incremental;

public sealed class CompilationEditTests
{
    [Fact]
    public void EditCompilation_UnrelatedSyntaxTree_EveryStepCached()
    {
        var harness = GeneratorHarness.RunRealSchemas();

        var reasons = harness.AddSyntaxTree("namespace Input;\n\npublic sealed class Unrelated\n{\n    public int Value { get; set; }\n}\n");

        string[] expected =
        [
            TrackingNames.CrdFiles, TrackingNames.CrdParsed, TrackingNames.CrdSpec,
            TrackingNames.InjectionTableFiles, TrackingNames.InjectionTableParsed, TrackingNames.InjectionTable,
        ];
        Assert.Equal(expected.Order(), reasons.Names.Order());
        Assert.All(expected, name => Assert.Equal([IncrementalStepRunReason.Cached], reasons.Of(name)));
    }
}
