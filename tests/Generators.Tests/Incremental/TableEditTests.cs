using Microsoft.CodeAnalysis;
using Webhook.Generators.Tests.Harness;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Incremental;

/// <summary>
/// Edits of languages.json with both generators running. When an edit leaves the parsed table equal, Roslyn reports
/// the parse step <c>Unchanged</c> and every step after it <c>Cached</c>: the emitter does not run again.
/// </summary>
public sealed class TableEditTests
{
    private const string TableHint = "InjectionTableGenerator.InjectionTable.g.cs";

    [Fact]
    public void EditTable_WhitespaceOnly_TableIsNotReEmitted()
    {
        var harness = GeneratorHarness.RunRealSchemas();
        var before = harness.Source(TableHint);

        var reasons = harness.EditText(SchemaInput.TablePath, RealSchemaFiles.TableText.Replace("\n", "\n\n  ", StringComparison.Ordinal));

        AssertNotReEmitted(reasons);
        Assert.Equal(before, harness.Source(TableHint));
    }

    [Fact]
    public void EditTable_LanguageEntryMoved_TableIsNotReEmitted()
    {
        var harness = GeneratorHarness.RunRealSchemas();
        var before = harness.Source(TableHint);

        var reasons = harness.EditText(SchemaInput.TablePath, TextEdits.MoveLastLanguageFirst(RealSchemaFiles.TableText));

        AssertNotReEmitted(reasons);
        Assert.Equal(before, harness.Source(TableHint));
    }

    [Fact]
    public void EditTable_EnvValueChanged_TableModifiedAndCrdModelsCached()
    {
        var harness = GeneratorHarness.RunRealSchemas();

        var reasons = harness.EditText(SchemaInput.TablePath,
            TextEdits.ReplaceOnce(RealSchemaFiles.TableText, "\"value\": \"http/protobuf\"", "\"value\": \"grpc\""));

        Assert.Equal([IncrementalStepRunReason.Modified], reasons.Of(TrackingNames.InjectionTableParsed));
        Assert.Equal([IncrementalStepRunReason.Modified], reasons.Of(TrackingNames.InjectionTable));
        Assert.Equal([IncrementalStepRunReason.Cached], reasons.Of(TrackingNames.CrdFiles));
        Assert.Equal([IncrementalStepRunReason.Cached], reasons.Of(TrackingNames.CrdParsed));
        Assert.Equal([IncrementalStepRunReason.Cached], reasons.Of(TrackingNames.CrdSpec));
        Assert.Contains("new(\"OTEL_EXPORTER_OTLP_PROTOCOL\", \"grpc\",", harness.Source(TableHint), StringComparison.Ordinal);
    }

    [Fact]
    public void EditTable_BrokenTableShiftedDown_DiagnosticMovesAndTableStepStaysEmpty()
    {
        var broken = TextEdits.ReplaceOnce(SmallTable.Text, "\"200Mi\",", "\"200Mi\", \"colour\": \"red\",");
        var harness = GeneratorHarness.RunTable(SchemaInput.Table(broken));
        Assert.Equal(4, Assert.Single(harness.Diagnostics).Location.GetLineSpan().StartLinePosition.Line + 1);

        var reasons = harness.EditText(SchemaInput.TablePath, "\n" + broken);

        Assert.Equal([IncrementalStepRunReason.Modified], reasons.Of(TrackingNames.InjectionTableParsed));
        Assert.Equal([IncrementalStepRunReason.Unchanged], reasons.Of(TrackingNames.InjectionTable));
        Assert.Equal(5, Assert.Single(harness.Diagnostics).Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Empty(harness.HintNames);
    }

    private static void AssertNotReEmitted(StepReasons reasons)
    {
        Assert.Equal([IncrementalStepRunReason.Modified], reasons.Of(TrackingNames.InjectionTableFiles));
        Assert.Equal([IncrementalStepRunReason.Unchanged], reasons.Of(TrackingNames.InjectionTableParsed));
        Assert.All(reasons.Of(TrackingNames.InjectionTable), r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Equal([IncrementalStepRunReason.Cached], reasons.Of(TrackingNames.CrdSpec));
    }
}
