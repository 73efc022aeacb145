using System.Text.Json.Nodes;

namespace Webhook.Tests.Sources;

/// <summary>Instrumentations and Namespaces as the API server serves them (JSON), for both sources.</summary>
internal static class TestObjects
{
    public static string Instrumentation(string ns, string name, string endpoint = "http://collector:4318") => new JsonObject
    {
        ["apiVersion"] = "opentelemetry.io/v1alpha1",
        ["kind"] = "Instrumentation",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["exporter"] = new JsonObject { ["endpoint"] = endpoint },
            ["sampler"] = new JsonObject { ["type"] = "parentbased_always_on" },
        },
    }.ToJsonString();

    /// <summary>Well-formed, but the validating webhook would refuse it.</summary>
    public static string InvalidInstrumentation(string ns, string name) => new JsonObject
    {
        ["apiVersion"] = "opentelemetry.io/v1alpha1",
        ["kind"] = "Instrumentation",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["sampler"] = new JsonObject { ["type"] = "traceidratio", ["argument"] = "abc" } },
    }.ToJsonString();

    public const string InvalidInstrumentationProblem = "spec.sampler.argument is not a number: abc";

    public static string Namespace(string name, string? injectJava = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (injectJava is not null)
        {
            metadata["annotations"] = new JsonObject { ["instrumentation.opentelemetry.io/inject-java"] = injectJava };
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = metadata }.ToJsonString();
    }
}
