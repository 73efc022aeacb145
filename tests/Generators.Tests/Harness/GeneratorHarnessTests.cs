using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Webhook.Generators.Parsing;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Harness;

/// <summary>The harness's own checks must fail when a generator breaks the rules, or they protect nothing.</summary>
public sealed class GeneratorHarnessTests
{
    [Fact]
    public void Run_StepThatRecomputesOnAClonedCompilation_Fails()
    {
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GeneratorHarness.Run([new RecomputingGenerator()], []));

        Assert.Contains("recomputed steps", error.Message, StringComparison.Ordinal);
        Assert.Contains(TrackingNames.CrdParsed + " was Modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_StepOutputHoldingASymbol_Fails()
    {
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GeneratorHarness.Run([new SymbolCachingGenerator()], []));

        Assert.Contains("must not be cached", error.Message, StringComparison.Ordinal);
        Assert.Contains(TrackingNames.CrdSpec + "[0].Outputs[0].Item2 is a ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindForbidden_LocationInsideATupleAndAnArray_ReportsItsPath()
    {
        var found = StepOutputWalker.FindForbidden((1, new object[] { "text", Location.None }), "out");

        Assert.Equal(["out.Item2[1] is a NoLocation"], found);
    }

    [Fact]
    public void FindForbidden_ParsedModels_FindsNothing()
    {
        var crd = CrdSchemaParser.Parse("/x.json", SourceText.From(SmallCrd.Features), CancellationToken.None);
        var table = InjectionTableParser.Parse("/y.json", SourceText.From(RealSchemaFiles.TableText), CancellationToken.None);

        Assert.Empty(StepOutputWalker.FindForbidden((crd, table), "models"));
    }

    [Fact]
    public void CompileAndLoad_SourceWithAnError_FailsWithTheError()
    {
        var harness = GeneratorHarness.RunTable(SchemaInput.RealTable());

        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => harness.CompileAndLoad(RuntimeParts.InjectionTable, "class Broken { int M() => \"x\"; }"));

        Assert.Contains("CS0029", error.Message, StringComparison.Ordinal);
    }

    private sealed class RecomputingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var unequal = context.CompilationProvider.Select(static (_, _) => new object()).WithTrackingName(TrackingNames.CrdParsed);
            context.RegisterSourceOutput(unequal, static (_, _) => { });
        }
    }

    private sealed class SymbolCachingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var symbol = context.CompilationProvider.Select(static (c, _) => (c.AssemblyName, (ISymbol)c.Assembly)).WithTrackingName(TrackingNames.CrdSpec);
            context.RegisterSourceOutput(symbol, static (_, _) => { });
        }
    }
}
