using Microsoft.CodeAnalysis.Text;
using Webhook.Generators.Model;
using Webhook.Generators.Parsing;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Parsing;

public sealed class CrdSchemaParserTests
{
    private const string FilePath = "/repo/widget.crd.json";

    [Fact]
    public void Parse_SmallCrd_ReadsNamesAndStorageVersion()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""{ "size": { "type": "string" } }"""));

        Assert.Equal(("example.io", "v1", "Widget", "widgets"), (spec.Group, spec.Version, spec.Kind, spec.Plural));
        var root = spec.Types[0];
        Assert.Equal(("Widget", ".", "A widget.", true), (root.Name, root.SchemaPaths[0], root.Description, root.IsRoot));
        Assert.Equal(["metadata", "spec"], root.Properties.Select(p => p.JsonName));
        Assert.Equal(("WidgetSpec", ".spec"), (spec.Types[1].Name, spec.Types[1].SchemaPaths[0]));
    }

    [Theory]
    [InlineData("""{ "type": "string" }""", ValueKind.String)]
    [InlineData("""{ "type": "boolean" }""", ValueKind.Boolean)]
    [InlineData("""{ "type": "integer", "format": "int32" }""", ValueKind.Int32)]
    [InlineData("""{ "type": "integer", "format": "int64" }""", ValueKind.Int64)]
    [InlineData("""{ "type": "integer" }""", ValueKind.Int64)]
    [InlineData("""{ "type": "number" }""", ValueKind.Number)]
    [InlineData("""{ "type": "object" }""", ValueKind.Raw)]
    [InlineData("""{ "type": "object", "x-kubernetes-preserve-unknown-fields": true }""", ValueKind.Raw)]
    [InlineData("""{ "type": "object", "properties": {} }""", ValueKind.Raw)]
    public void Parse_ScalarOrBareSchema_MapsToKind(string schema, ValueKind kind)
    {
        Assert.Equal(kind, Field(schema).Kind);
    }

    [Fact]
    public void Parse_Enum_KeepsValuesInOrder()
    {
        Assert.Equal(["safe", "fast"], Field("""{ "type": "string", "enum": ["safe", "fast"] }""").Enum);
    }

    [Fact]
    public void Parse_Pattern_KeepsItVerbatim()
    {
        Assert.Equal(@"^[a-z]+\.x$", Field("""{ "type": "string", "pattern": "^[a-z]+\\.x$" }""").Pattern);
    }

    [Fact]
    public void Parse_MaxLength_KeepsTheNumber()
    {
        Assert.Equal(256, Field("""{ "type": "string", "maxLength": 256 }""").MaxLength);
    }

    [Fact]
    public void Parse_NoConstraints_LeavesThemEmpty()
    {
        var value = Field("""{ "type": "string" }""");

        Assert.Equal((0, null, null, null), (value.Enum.Count, value.Pattern, value.MaxLength, value.DefaultJson));
    }

    [Theory]
    [InlineData("""{ "type": "string", "default": "a\"b" }""", "\"a\\\"b\"")]
    [InlineData("""{ "type": "integer", "default": 5 }""", "5")]
    [InlineData("""{ "type": "boolean", "default": false }""", "false")]
    public void Parse_Default_KeepsItAsJson(string schema, string json)
    {
        Assert.Equal(json, Field(schema).DefaultJson);
    }

    [Fact]
    public void Parse_Required_MarksOnlyTheListedProperties()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""{ "a": { "type": "string" }, "b": { "type": "string" } }""", """["b"]"""));

        Assert.Equal([false, true], Type(spec, "WidgetSpec").Properties.Select(p => p.Required));
    }

    [Fact]
    public void Parse_IntOrString_KeepsItsPattern()
    {
        var value = Field("""{ "x-kubernetes-int-or-string": true, "anyOf": [{ "type": "integer" }, { "type": "string" }], "pattern": "^[0-9]+$" }""");

        Assert.Equal((ValueKind.IntOrString, "^[0-9]+$"), (value.Kind, value.Pattern));
    }

    [Fact]
    public void Parse_IntOrStringWithTheQuantityPattern_IsAQuantityWithoutPattern()
    {
        var pattern = SchemaTypeMapping.QuantityPattern.Replace(@"\", @"\\", StringComparison.Ordinal);
        var value = Field("{ \"x-kubernetes-int-or-string\": true, \"pattern\": \"" + pattern + "\" }");

        Assert.Equal((ValueKind.Quantity, null), (value.Kind, value.Pattern));
    }

    [Fact]
    public void Parse_ArrayOfStrings_HasAStringElementWithItsConstraints()
    {
        var value = Field("""{ "type": "array", "items": { "type": "string", "enum": ["a"] } }""");

        Assert.Equal((ValueKind.Array, ValueKind.String), (value.Kind, value.Element!.Kind));
        Assert.Equal(["a"], value.Element.Enum);
    }

    [Fact]
    public void Parse_ArrayOfObjects_NamesTheItemTypeInTheSingular()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""{ "policies": { "type": "array", "items": { "type": "object", "properties": { "n": { "type": "string" } } } } }"""));

        var value = Type(spec, "WidgetSpec").Properties[0].Schema;
        Assert.Equal((ValueKind.Array, ValueKind.Object, "Policy"), (value.Kind, value.Element!.Kind, value.Element.TypeName));
        Assert.Equal(".spec.policies[]", Type(spec, "Policy").SchemaPaths[0]);
    }

    [Fact]
    public void Parse_EnvList_UsesTheKubernetesNameEnvVar()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""{ "env": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" } } } } }"""));

        Assert.Equal("EnvVar", Type(spec, "WidgetSpec").Properties[0].Schema.Element!.TypeName);
    }

    [Fact]
    public void Parse_AdditionalProperties_IsAMapOfTheValueSchema()
    {
        var value = Field("""{ "type": "object", "additionalProperties": { "type": "integer", "format": "int32" } }""");

        Assert.Equal((ValueKind.Map, ValueKind.Int32), (value.Kind, value.Element!.Kind));
    }

    [Fact]
    public void Parse_RootMetadata_IsObjectMeta()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""{ "metadata": { "type": "object" } }"""));

        Assert.Equal(ValueKind.ObjectMeta, Type(spec, "Widget").Properties.Single(p => p.JsonName == "metadata").Schema.Kind);
        Assert.Equal(ValueKind.Raw, Type(spec, "WidgetSpec").Properties.Single(p => p.JsonName == "metadata").Schema.Kind);
    }

    [Fact]
    public void Parse_ObjectProperty_BecomesATypeNamedAfterIt()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""{ "ca_bundle": { "type": "object", "description": "CA.", "properties": { "key_file": { "type": "string" } } } }"""));

        var property = Type(spec, "WidgetSpec").Properties[0];
        Assert.Equal(("CaBundle", ValueKind.Object, "CaBundle"), (property.CsName, property.Schema.Kind, property.Schema.TypeName));
        var type = Type(spec, "CaBundle");
        Assert.Equal((".spec.ca_bundle", "CA.", false), (type.SchemaPaths[0], type.Description, type.IsRoot));
        Assert.Equal(("key_file", "KeyFile"), (type.Properties[0].JsonName, type.Properties[0].CsName));
    }

    [Fact]
    public void Parse_PropertyNamedLikeItsClass_GetsAValueSuffix()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""{ "name": { "type": "object", "properties": { "name": { "type": "string" } } } }"""));

        Assert.Equal("NameValue", Type(spec, "Name").Properties[0].CsName);
    }

    [Fact]
    public void Parse_SameNameAndShape_ShareOneTypeListingEveryPath()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""
            {
              "a": { "type": "object", "properties": { "tls": { "type": "object", "description": "one", "properties": { "n": { "type": "string" } } } } },
              "b": { "type": "object", "properties": { "tls": { "type": "object", "description": "two", "properties": { "n": { "type": "string" } } } } }
            }
            """));

        Assert.Equal("Tls", Type(spec, "B").Properties[0].Schema.TypeName);
        Assert.Equal([".spec.a.tls", ".spec.b.tls"], Type(spec, "Tls").SchemaPaths);
        Assert.Null(Type(spec, "Tls").Description);
    }

    [Fact]
    public void Parse_SameShapeUnderDifferentNames_KeepsOneTypeEach()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""
            {
              "a": { "type": "object", "properties": { "first": { "type": "object", "properties": { "n": { "type": "string" } } } } },
              "b": { "type": "object", "properties": { "second": { "type": "object", "properties": { "n": { "type": "string" } } } } }
            }
            """));

        Assert.Equal("First", Type(spec, "A").Properties[0].Schema.TypeName);
        Assert.Equal("Second", Type(spec, "B").Properties[0].Schema.TypeName);
    }

    [Fact]
    public void Parse_ResourcesAndResourceRequirementsOfOneShape_ShareResourceRequirements()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""
            {
              "java": { "type": "object", "properties": { "resources": { "type": "object", "properties": { "limits": { "type": "object", "additionalProperties": { "type": "string" } } } } } },
              "go": { "type": "object", "properties": { "resourceRequirements": { "type": "object", "properties": { "limits": { "type": "object", "additionalProperties": { "type": "string" } } } } } }
            }
            """));

        Assert.Equal("ResourceRequirements", Type(spec, "Java").Properties[0].Schema.TypeName);
        Assert.Equal("ResourceRequirements", Type(spec, "Go").Properties[0].Schema.TypeName);
    }

    [Fact]
    public void Parse_IdenticalSectionsDirectlyUnderSpec_KeepOneTypeEach()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""
            {
              "java": { "type": "object", "properties": { "image": { "type": "string" } } },
              "python": { "type": "object", "properties": { "image": { "type": "string" } } }
            }
            """));

        Assert.Equal(["Java", "Python"], Type(spec, "WidgetSpec").Properties.Select(p => p.Schema.TypeName));
    }

    [Fact]
    public void Parse_DifferentShapesWantingOneName_SecondGetsItsParentsNameInFront()
    {
        var spec = ParseValid(SmallCrd.WithSpec("""
            {
              "a": { "type": "object", "properties": { "tls": { "type": "object", "properties": { "p": { "type": "string" } } } } },
              "b": { "type": "object", "properties": { "tls": { "type": "object", "properties": { "q": { "type": "string" } } } } }
            }
            """));

        Assert.Equal("Tls", Type(spec, "A").Properties[0].Schema.TypeName);
        Assert.Equal("BTls", Type(spec, "B").Properties[0].Schema.TypeName);
        Assert.Equal(["q"], Type(spec, "BTls").Properties.Select(p => p.JsonName));
    }

    [Fact]
    public void Parse_SameText_GivesEqualModels()
    {
        var text = SmallCrd.Features;

        Assert.Equal(Parse(text), Parse(text));
    }

    [Fact]
    public void Parse_DifferentWhitespace_GivesEqualModels()
    {
        Assert.Equal(Parse(SmallCrd.Features), Parse(SmallCrd.Features.Replace("\n", "\n\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void Parse_NotJson_ReportsInvalidJsonAndNoModel()
    {
        var result = Parse("{\n  \"kind\": }");

        Assert.Null(result.Spec);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("WHK1001", 2, 11), (diagnostic.Id, diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal([FilePath, "line 2: unexpected character '}'; a value was expected"], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_NotACrd_ReportsCrdShape()
    {
        var result = Parse("""{ "kind": "Deployment" }""");

        Assert.Null(result.Spec);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WHK1002", diagnostic.Id);
        Assert.Equal([FilePath, "\"kind\" must be \"CustomResourceDefinition\""], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_NoStorageVersion_ReportsCrdShape()
    {
        var result = Parse(SmallCrd.WithSpec("{}").Replace("\"storage\": true", "\"storage\": false", StringComparison.Ordinal));

        Assert.Null(result.Spec);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WHK1002", diagnostic.Id);
        Assert.Equal([FilePath, "no version in spec.versions has \"storage\": true"], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_MissingNames_ReportsEachMissingPart()
    {
        var result = Parse("""{ "kind": "CustomResourceDefinition", "spec": { "names": {}, "versions": [] } }""");

        Assert.Null(result.Spec);
        Assert.Equal(
            [
                "spec.group must be a non-empty string",
                "spec.names.kind must be a non-empty string",
                "spec.names.plural must be a non-empty string",
                "spec.versions must list at least one version",
            ],
            result.Diagnostics.Select(d => d.Arguments[1]));
    }

    [Fact]
    public void Parse_UnknownType_ReportsUnsupportedSchemaAndDropsTheProperty()
    {
        var result = Parse(SmallCrd.WithSpec("""{ "when": { "type": "date" }, "size": { "type": "string" } }"""));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WHK1003", diagnostic.Id);
        Assert.Equal([".spec.when", "type \"date\" is not a Kubernetes structural schema type"], diagnostic.Arguments);
        Assert.Equal(["size"], Type(result.Spec!, "WidgetSpec").Properties.Select(p => p.JsonName));
    }

    [Fact]
    public void Parse_ArrayWithoutItems_ReportsUnsupportedSchema()
    {
        var result = Parse(SmallCrd.WithSpec("""{ "list": { "type": "array" } }"""));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("WHK1003", "an array schema needs \"items\""), (diagnostic.Id, diagnostic.Arguments[1]));
    }

    [Fact]
    public void Parse_TwoPropertiesWithOneCSharpName_ReportsTheClash()
    {
        var result = Parse(SmallCrd.WithSpec("""{ "ca_file": { "type": "string" }, "caFile": { "type": "string" } }"""));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WHK1004", diagnostic.Id);
        Assert.Equal([".spec.caFile", "ca_file", "caFile", "CaFile"], diagnostic.Arguments);
        Assert.Equal(["ca_file"], Type(result.Spec!, "WidgetSpec").Properties.Select(p => p.JsonName));
    }

    [Fact]
    public void Parse_RealCrd_HasNoDiagnosticsAndTheExpectedRoot()
    {
        var spec = ParseValid(Harness.RealSchemaFiles.CrdText);

        Assert.Equal(("opentelemetry.io", "v1alpha1", "Instrumentation", "instrumentations"), (spec.Group, spec.Version, spec.Kind, spec.Plural));
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], Type(spec, "Instrumentation").Properties.Select(p => p.JsonName));
        Assert.Equal(spec.Types.Count, spec.Types.Select(t => t.Name).Distinct().Count());
    }

    private static CrdParseResult Parse(string text) => CrdSchemaParser.Parse(FilePath, SourceText.From(text), CancellationToken.None);

    private static CrdSpec ParseValid(string text)
    {
        var result = Parse(text);
        Assert.Empty(result.Diagnostics);
        return result.Spec!;
    }

    /// <summary>The schema of property <c>f</c> of the spec, given as JSON text.</summary>
    private static ValueSchema Field(string schema) => Type(ParseValid(SmallCrd.WithSpec("{ \"f\": " + schema + " }")), "WidgetSpec").Properties[0].Schema;

    private static ModelType Type(CrdSpec spec, string name)
        => spec.Types.SingleOrDefault(t => t.Name == name) ?? throw new Xunit.Sdk.XunitException("No type " + name + "; types: " + string.Join(", ", spec.Types.Select(t => t.Name)));
}
