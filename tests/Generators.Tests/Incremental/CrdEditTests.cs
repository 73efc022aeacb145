using Microsoft.CodeAnalysis;
using Webhook.Generators.Tests.Harness;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Incremental;

/// <summary>Edits of the CRD file with both generators running.</summary>
public sealed class CrdEditTests
{
    private const string SamplerHint = "CrdModelGenerator.Sampler.g.cs";

    [Fact]
    public void EditCrd_DescriptionChanged_ModelReEmittedAndTableCached()
    {
        var harness = GeneratorHarness.RunRealSchemas();

        var reasons = harness.EditText(SchemaInput.CrdPath,
            TextEdits.ReplaceOnce(RealSchemaFiles.CrdText, "Sampler to use, exposed as OTEL_TRACES_SAMPLER.", "The sampler & its <type>."));

        Assert.Equal([IncrementalStepRunReason.Modified], reasons.Of(TrackingNames.CrdSpec));
        Assert.Contains("/// <summary>The sampler &amp; its &lt;type&gt;.</summary>", harness.Source(SamplerHint), StringComparison.Ordinal);
        Assert.Equal([IncrementalStepRunReason.Cached], reasons.Of(TrackingNames.InjectionTableFiles));
        Assert.Equal([IncrementalStepRunReason.Cached], reasons.Of(TrackingNames.InjectionTableParsed));
        Assert.Equal([IncrementalStepRunReason.Cached], reasons.Of(TrackingNames.InjectionTable));
    }

    [Fact]
    public void EditCrd_WhitespaceOnly_ModelIsNotReEmitted()
    {
        var harness = GeneratorHarness.RunRealSchemas();
        var before = harness.Source(SamplerHint);

        var reasons = harness.EditText(SchemaInput.CrdPath, RealSchemaFiles.CrdText.Replace("\n", "\n ", StringComparison.Ordinal));

        Assert.Equal([IncrementalStepRunReason.Modified], reasons.Of(TrackingNames.CrdFiles));
        Assert.Equal([IncrementalStepRunReason.Unchanged], reasons.Of(TrackingNames.CrdParsed));
        Assert.All(reasons.Of(TrackingNames.CrdSpec), r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Equal(before, harness.Source(SamplerHint));
    }
}
