using Webhook.Generators.Tests.Emitting.Probes;
using Webhook.Generators.Tests.Harness;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Emitting;

/// <summary>
/// Models generated from <see cref="SmallCrd.Features"/> (the schema features the real CRD lacks: number, int32,
/// raw objects, scalar defaults, enum items), compiled without the Instrumentation-specific partials and run.
/// </summary>
public sealed class CompiledSmallCrdTests : IDisposable
{
    private readonly LoadedAssembly _loaded = GeneratorHarness.RunCrd(SchemaInput.Crd(SmallCrd.Features))
        .CompileAndLoad(RuntimeParts.CrdSupport, WidgetProbeSource.Text);

    public void Dispose() => _loaded.Dispose();

    [Fact]
    public void ReadDocument_EveryFeature_WritesItBackWithDefaultsFilledIn()
    {
        var output = ReadAndWrite("""
            {
              "metadata": { "name": "w" },
              "spec": {
                "label": "abc", "budget": 9007199254740993, "ratio": 0.25, "port": "http",
                "limits": { "cpu": "500m", "example.com/gpu": 1 }, "tags": ["b", "a"], "labels": { "a.b/c": "d" },
                "extra": { "any": [1, { "thing": null }] },
                "parts": [{ "name": "p", "size": "l" }, { "name": "q" }],
                "primary": { "part": { "name": "r" } }
              }
            }
            """);

        Assert.Equal(
            "{\"metadata\":{\"name\":\"w\"},\"spec\":{\"mode\":\"safe\",\"label\":\"abc\",\"enabled\":true,\"replicas\":1,\"budget\":9007199254740993,"
            + "\"ratio\":0.25,\"port\":\"http\",\"limits\":{\"cpu\":\"500m\",\"example.com/gpu\":1},\"tags\":[\"b\",\"a\"],\"labels\":{\"a.b/c\":\"d\"},"
            + "\"extra\":{\"any\":[1,{\"thing\":null}]},\"parts\":[{\"name\":\"p\",\"size\":\"l\"},{\"name\":\"q\",\"size\":\"m\"}],"
            + "\"primary\":{\"part\":{\"name\":\"r\",\"size\":\"m\"}}}}",
            Assert.Single(output));
    }

    [Fact]
    public void ReadDocument_ViolationsOfEachKind_ReportsThemWithFieldPaths()
    {
        var errors = ReadAndWrite("""
            {
              "spec": {
                "mode": "saff", "label": "ABCDEFGHIJ", "enabled": "yes", "replicas": 3000000000, "ratio": "half",
                "limits": { "example.com/gpu": "lots" }, "tags": ["a", "c"], "extra": [1],
                "parts": [{ "size": "s" }], "colour": "red"
              }
            }
            """);

        Assert.Equal(
            [
                "spec.mode: unsupported value \"saff\"; did you mean \"safe\"? (supported: fast, safe)",
                "spec.label: \"ABCDEFGHIJ\" does not match the pattern ^[a-z]+$",
                "spec.label: is 10 characters long; at most 8 are allowed",
                "spec.enabled: must be a boolean (true or false, unquoted), not a string",
                "spec.replicas: must be a whole number between -2147483648 and 2147483647, not a number",
                "spec.ratio: must be a number, not a string",
                "spec.limits[example.com/gpu]: \"lots\" is not a valid quantity; write a number with an optional suffix, e.g. 500m, 128Mi, 1Gi or 2",
                "spec.tags[1]: unsupported value \"c\"; did you mean \"a\"? (supported: a, b)",
                "spec.extra: must be an object, not a list",
                "spec.parts[0].name: required field is missing",
                "spec.colour: unknown field \"colour\"",
            ],
            errors);
    }

    private string[] ReadAndWrite(string json) => (string[])_loaded.Call(WidgetProbeSource.TypeName, "ReadAndWrite", json)!;
}
