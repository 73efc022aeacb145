using Webhook.Generators.Tests.Emitting.Probes;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Emitting;

/// <summary>The generated Instrumentation models, compiled with the hand-written runtime and run.</summary>
[Collection(RealSchemaCollection.Name)]
public sealed class CompiledCrdModelTests(RealSchemaAssembly real)
{
    private const string SamplerTypes = "always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio, jaeger_remote, xray";

    [Fact]
    public void GeneratedCode_Compiled_HasNoWarnings()
    {
        Assert.DoesNotContain(real.Loaded.Warnings, w => w.StartsWith("CrdModelGenerator.", StringComparison.Ordinal) || w.StartsWith("InjectionTableGenerator.", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadDocument_ValidInstrumentation_ReportsNoErrors()
    {
        Assert.Empty(Errors(InstrumentationJson.Valid));
    }

    [Fact]
    public void ReadDocument_ValidInstrumentation_FillsTypedProperties()
    {
        var facts = (string[])real.Loaded.Call(CrdProbeSource.TypeName, "Facts", InstrumentationJson.Valid)!;

        Assert.Equal(
            [
                "metadata=otel/shop example.io/owner=web",
                "sampler=parentbased_traceidratio 0.25",
                "java.limits.cpu=2 (number)",
                "java.requests.memory=64Mi",
                "env=OTEL_LOG_LEVEL=debug,POD_NAME=from metadata.name",
                "propagators=tracecontext,baggage",
                "runAsUser=1000",
                "addK8sUIDAttributes=True",
                "tls.ca_file=/certs/ca.pem",
            ],
            facts);
    }

    [Fact]
    public void Write_ValidInstrumentation_GivesBackTheSameJson()
    {
        Assert.Equal(InstrumentationJson.Compact(InstrumentationJson.Valid), RoundTrip(InstrumentationJson.Valid));
    }

    [Fact]
    public void ReadDocument_FieldWithSchemaDefault_WritesTheDefault()
    {
        var json = TextEdits.ReplaceOnce(InstrumentationJson.Valid, "{ \"fieldRef\": { \"apiVersion\": \"v1\", \"fieldPath\": \"metadata.name\" } }", "{ \"configMapKeyRef\": { \"key\": \"level\" } }");

        Assert.Contains("\"valueFrom\":{\"configMapKeyRef\":{\"key\":\"level\",\"name\":\"\"}}", RoundTrip(json), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDocument_NullSection_IsReadAsAbsent()
    {
        var json = TextEdits.ReplaceOnce(InstrumentationJson.Valid, "\"sampler\": { \"argument\": \"0.25\", \"type\": \"parentbased_traceidratio\" }", "\"sampler\": null");

        Assert.EndsWith("\"resourceAttributes\":{\"team\":\"web\"}}}}", RoundTrip(json), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDocument_UnsupportedEnumValue_ReportsItWithASuggestion()
    {
        var errors = Errors(TextEdits.ReplaceOnce(InstrumentationJson.Valid, "\"parentbased_traceidratio\"", "\"parentbased_traceidratioo\""));

        Assert.Equal(["spec.sampler.type: unsupported value \"parentbased_traceidratioo\"; did you mean \"parentbased_traceidratio\"? (supported: " + SamplerTypes + ")"], errors);
    }

    [Fact]
    public void ReadDocument_InvalidQuantity_ReportsItAtTheMapKey()
    {
        var errors = Errors(TextEdits.ReplaceOnce(InstrumentationJson.Valid, "\"cpu\": 2", "\"cpu\": \"12x\""));

        Assert.Equal(["spec.java.resources.limits.cpu: \"12x\" is not a valid quantity; write a number with an optional suffix, e.g. 500m, 128Mi, 1Gi or 2"], errors);
    }

    [Fact]
    public void ReadDocument_UnknownField_ReportsItWithDidYouMean()
    {
        var errors = Errors(TextEdits.ReplaceOnce(InstrumentationJson.Valid, "\"java\": {", "\"jav\": { \"image\": \"x\" },\n    \"java\": {"));

        Assert.Equal(["spec.jav: unknown field \"jav\"; did you mean \"java\"?"], errors);
    }

    [Fact]
    public void ReadDocument_BooleanWhereAStringBelongs_AsksToQuoteIt()
    {
        var errors = Errors(TextEdits.ReplaceOnce(InstrumentationJson.Valid, "\"value\": \"debug\"", "\"value\": false"));

        Assert.Equal(["spec.env[0].value: must be a string, not a boolean; quote it: \"false\""], errors);
    }

    [Fact]
    public void ReadDocument_MissingRequiredName_ReportsItInTheListItem()
    {
        var errors = Errors(TextEdits.ReplaceOnce(InstrumentationJson.Valid, "{ \"name\": \"OTEL_LOG_LEVEL\", \"value\": \"debug\" }", "{ \"value\": \"debug\" }"));

        Assert.Equal(["spec.env[0].name: required field is missing"], errors);
    }

    [Fact]
    public void ReadDocument_ConfigPathBreakingPatternAndMaxLength_ReportsBoth()
    {
        var path = "/a b" + new string('x', 300);

        var errors = Errors(TextEdits.ReplaceOnce(InstrumentationJson.Valid, "\"/usr/local/apache2/conf\"", "\"" + path + "\""));

        Assert.Equal(
            [
                "spec.apacheHttpd.configPath: \"" + path[..200] + "…\" (304 characters) does not match the pattern ^[A-Za-z0-9._/-]*$",
                "spec.apacheHttpd.configPath: is 304 characters long; at most 256 are allowed",
            ],
            errors);
    }

    [Fact]
    public void ReadDocument_ScalarWhereAnObjectBelongs_ReportsTheTypeAndReadsOn()
    {
        var errors = Errors(TextEdits.ReplaceOnce(InstrumentationJson.Valid, "\"tls\": { \"ca_file\": \"/certs/ca.pem\" }", "\"tls\": [\"/certs/ca.pem\"]"));

        Assert.Equal(["spec.exporter.tls: must be an object, not a list"], errors);
    }

    [Fact]
    public void ReadDocument_SeveralMistakes_ReportsEachInDocumentOrder()
    {
        var json = InstrumentationJson.Valid;
        json = TextEdits.ReplaceOnce(json, "\"value\": \"debug\"", "\"value\": 3");
        json = TextEdits.ReplaceOnce(json, "\"runAsUser\": 1000", "\"runAsUser\": \"1000\"");
        json = TextEdits.ReplaceOnce(json, "\"memory\": \"64Mi\"", "\"memory\": \"64MB\"");
        json = TextEdits.ReplaceOnce(json, "\"baggage\"", "\"baggag\"");

        Assert.Equal(
            [
                "spec.env[0].value: must be a string, not a number; quote it: \"3\"",
                "spec.initContainerSecurityContext.runAsUser: must be a whole number, not a string",
                "spec.java.resources.requests.memory: \"64MB\" is not a valid quantity; write a number with an optional suffix, e.g. 500m, 128Mi, 1Gi or 2",
                "spec.propagators[1]: unsupported value \"baggag\"; did you mean \"baggage\"? (supported: tracecontext, baggage, b3, b3multi, jaeger, xray, ottrace, none)",
            ],
            Errors(json));
    }

    private string[] Errors(string json) => (string[])real.Loaded.Call(CrdProbeSource.TypeName, "Errors", json)!;

    private string RoundTrip(string json) => (string)real.Loaded.Call(CrdProbeSource.TypeName, "RoundTrip", json)!;
}
