using Webhook.Generators.Tests.Harness;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Diagnostics;

/// <summary>Line numbers refer to <see cref="SmallTable.Text"/>: the java entry opens on line 7, python on line 21.</summary>
public sealed class TableDiagnosticsTests
{
    private const string Path = SchemaInput.TablePath;

    [Fact]
    public void InjectionTableGenerator_MalformedJson_ReportsWhk2001AtTheError()
    {
        var harness = Run(TextEdits.ReplaceOnce(SmallTable.Text, "\"200Mi\",", "\"200Mi\""));

        DiagnosticAssert.Single(harness, "WHK2001", Path, 5, 3,
            Path + " is not valid JSON: line 5: ',' or '}' was expected after a property value; fix the file or restore it from version control");
        Assert.Empty(harness.HintNames);
    }

    [Fact]
    public void InjectionTableGenerator_MissingField_ReportsWhk2002AtTheEntry()
    {
        var harness = Run(TextEdits.ReplaceOnce(SmallTable.Text, "\"displayName\": \"Python\",", ""));

        DiagnosticAssert.Single(harness, "WHK2002", Path, 21, 5,
            Path + ": \"displayName\" is required here; add it (see docs/languages-table.md)");
        Assert.Empty(harness.HintNames);
    }

    [Fact]
    public void InjectionTableGenerator_DuplicateLanguage_ReportsWhk2003AtTheSecondEntry()
    {
        var harness = Run(TextEdits.ReplaceOnce(SmallTable.Text, "\"name\": \"python\"", "\"name\": \"java\""));

        DiagnosticAssert.Single(harness, "WHK2003", Path, 21, 5,
            "Language 'java' appears twice in the injection table (lines 7 and 21); keep one entry");
    }

    [Fact]
    public void InjectionTableGenerator_UnknownHook_ReportsWhk2004AtTheValue()
    {
        var harness = Run(TextEdits.ReplaceOnce(SmallTable.Text, "\"validationOrder\": 0,\n      \"hook\": \"none\"", "\"validationOrder\": 0,\n      \"hook\": \"nginks\""));

        DiagnosticAssert.Single(harness, "WHK2004", Path, 28, 15,
            "\"hook\": \"nginks\" is not one of none, goSidecar, apacheHttpd, nginx");
    }

    [Fact]
    public void InjectionTableGenerator_UnknownField_ReportsWhk2005AtTheName()
    {
        var harness = Run(TextEdits.ReplaceOnce(SmallTable.Text, "\"200Mi\",", "\"200Mi\", \"colour\": \"red\","));

        DiagnosticAssert.Single(harness, "WHK2005", Path, 4, 38,
            Path + ": unknown field \"colour\"; allowed here: $comment, annotationPrefix, containerNamesAnnotation, defaultVolumeSizeLimit, multiInstrumentation, languages");
    }

    private static GeneratorHarness Run(string table) => GeneratorHarness.RunTable(SchemaInput.Table(table));
}
