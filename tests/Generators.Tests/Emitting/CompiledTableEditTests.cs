using System.Reflection;
using Webhook.Generators.Tests.Harness;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Emitting;

public sealed class CompiledTableEditTests
{
    private const string JavaImage = "ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.30.0";

    [Fact]
    public void InjectionTable_JavaDefaultImageChanged_CompiledTableHasTheNewImage()
    {
        Assert.Equal(JavaImage, JavaDefaultImage(RealSchemaFiles.TableText));
        var edited = TextEdits.ReplaceOnce(RealSchemaFiles.TableText, "\"default\": \"" + JavaImage + "\"", "\"default\": \"registry.example/java-agent:9.9.9\"");

        Assert.Equal("registry.example/java-agent:9.9.9", JavaDefaultImage(edited));
    }

    private static string JavaDefaultImage(string table)
    {
        var harness = GeneratorHarness.RunTable(SchemaInput.Table(table));
        using var loaded = harness.CompileAndLoad(RuntimeParts.InjectionTable);
        var java = loaded.StaticField("Webhook.Injection.InjectionTable", "Java")!;
        var image = java.GetType().GetProperty("Image", BindingFlags.Public | BindingFlags.Instance)!.GetValue(java)!;
        return (string)image.GetType().GetProperty("Default", BindingFlags.Public | BindingFlags.Instance)!.GetValue(image)!;
    }
}
