using Webhook.Generators.Tests.Harness;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Diagnostics;

public sealed class CrdDiagnosticsTests
{
    private const string Path = SchemaInput.CrdPath;

    [Fact]
    public void CrdModelGenerator_MalformedJson_ReportsWhk1001AtTheError()
    {
        var harness = GeneratorHarness.RunCrd(SchemaInput.Crd("""
            {
              "kind": "CustomResourceDefinition",
              "spec": {
                "group": "example.io"
                "names": {}
              }
            }
            """));

        DiagnosticAssert.Single(harness, "WHK1001", Path, 5, 5,
            Path + " is not valid JSON: line 5: ',' or '}' was expected after a property value; fix the file or restore it from version control");
        Assert.Empty(harness.HintNames);
    }

    [Fact]
    public void CrdModelGenerator_NoStorageVersion_ReportsWhk1002AtTheVersionList()
    {
        var harness = GeneratorHarness.RunCrd(SchemaInput.Crd(SmallCrd.WithSpec("{}").Replace("\"storage\": true", "\"storage\": false", StringComparison.Ordinal)));

        DiagnosticAssert.Single(harness, "WHK1002", Path, 7, 17,
            Path + ": no version in spec.versions has \"storage\": true; the file must be a CustomResourceDefinition as 'kubectl get crd NAME -o json' prints it");
        Assert.Empty(harness.HintNames);
    }

    [Fact]
    public void CrdModelGenerator_UnknownType_ReportsWhk1003AtTheSchema()
    {
        var harness = GeneratorHarness.RunCrd(SchemaInput.Crd(SmallCrd.WithSpec("""{ "when": { "type": "date" } }""")));

        DiagnosticAssert.Single(harness, "WHK1003", Path, 19, 83,
            ".spec.when: type \"date\" is not a Kubernetes structural schema type; the model generator cannot map it to C#");
    }

    [Fact]
    public void CrdModelGenerator_PropertyNameClash_ReportsWhk1004AtTheSecondName()
    {
        var harness = GeneratorHarness.RunCrd(SchemaInput.Crd(SmallCrd.WithSpec("""{ "ca_file": { "type": "string" }, "caFile": { "type": "string" } }""")));

        DiagnosticAssert.Single(harness, "WHK1004", Path, 19, 108,
            ".spec.caFile: properties \"ca_file\" and \"caFile\" both become C# property CaFile; rename one in the schema");
    }

    [Fact]
    public void CrdModelGenerator_RealSchemas_ReportNothing()
    {
        Assert.Empty(GeneratorHarness.RunRealSchemas().Diagnostics);
    }

    [Fact]
    public void CrdModelGenerator_UnmarkedJsonFile_IsIgnored()
    {
        var harness = GeneratorHarness.RunBoth(SchemaInput.Unmarked("/repo/schema/other.json", "not json at all"));

        Assert.Empty(harness.Diagnostics);
        Assert.Empty(harness.HintNames);
    }
}
