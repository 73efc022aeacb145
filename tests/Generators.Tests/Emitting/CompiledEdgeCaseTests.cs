using Webhook.Generators.Tests.Harness;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Emitting;

/// <summary>Schemas that are valid Kubernetes but unusual: the generated code must still compile.</summary>
public sealed class CompiledEdgeCaseTests
{
    [Fact]
    public void CompileAndLoad_NestedListsOfMaps_Compiles()
    {
        var harness = GeneratorHarness.RunCrd(SchemaInput.Crd(SmallCrd.WithSpec(
            """{ "m": { "type": "array", "items": { "type": "array", "items": { "type": "object", "additionalProperties": { "type": "array", "items": { "type": "string" } } } } } }""")));

        using var loaded = harness.CompileAndLoad(RuntimeParts.CrdSupport);

        Assert.NotNull(loaded.Type("Webhook.Crd.WidgetSpec").GetProperty("M"));
    }

    [Fact]
    public void CompileAndLoad_IntegerEnum_Compiles()
    {
        var harness = GeneratorHarness.RunCrd(SchemaInput.Crd(SmallCrd.WithSpec("""{ "level": { "type": "integer", "enum": [1, 2] } }""")));

        using var loaded = harness.CompileAndLoad(RuntimeParts.CrdSupport);

        Assert.NotNull(loaded.Type("Webhook.Crd.WidgetSpec").GetProperty("Level"));
    }
}
