using Webhook.Generators.Tests.Harness;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Emitting;

public sealed class BaselineTests
{
    [Fact]
    public void Emit_RealSchemas_MatchesBaselines()
    {
        var harness = GeneratorHarness.RunRealSchemas();

        Assert.Superset(
            new HashSet<string>
            {
                "CrdModelGenerator.Instrumentation.g.cs", "CrdModelGenerator.Sampler.g.cs", "CrdModelGenerator.EnvVar.g.cs",
                "InjectionTableGenerator.InjectionTable.g.cs", "InjectionTableGenerator.Language.g.cs",
            },
            harness.HintNames.ToHashSet());
        BaselineFiles.Verify("RealSchema", harness);
    }

    [Fact]
    public void Emit_SmallCrd_MatchesBaselines()
    {
        BaselineFiles.Verify("SmallCrd", GeneratorHarness.RunCrd(SchemaInput.Crd(SmallCrd.Features)));
    }
}
