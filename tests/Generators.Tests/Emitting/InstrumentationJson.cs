using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Webhook.Generators.Tests.Emitting;

/// <summary>Instrumentation documents for the compile-and-run tests of the generated models.</summary>
public static class InstrumentationJson
{
    /// <summary>A valid Instrumentation with every field in schema order, so writing it back gives the same JSON.</summary>
    public const string Valid = """
        {
          "apiVersion": "opentelemetry.io/v1alpha1",
          "kind": "Instrumentation",
          "metadata": { "name": "otel", "namespace": "shop", "labels": { "team": "web" }, "annotations": { "example.io/owner": "web" }, "resourceVersion": "42" },
          "spec": {
            "apacheHttpd": { "configPath": "/usr/local/apache2/conf", "version": "2.4" },
            "env": [
              { "name": "OTEL_LOG_LEVEL", "value": "debug" },
              { "name": "POD_NAME", "valueFrom": { "fieldRef": { "apiVersion": "v1", "fieldPath": "metadata.name" } } }
            ],
            "exporter": { "endpoint": "http://collector:4318", "tls": { "ca_file": "/certs/ca.pem" } },
            "initContainerSecurityContext": { "runAsNonRoot": true, "runAsUser": 1000 },
            "java": {
              "image": "example.io/java-agent:2",
              "resources": { "limits": { "cpu": 2, "memory": "256Mi" }, "requests": { "memory": "64Mi" } },
              "volumeLimitSize": "200Mi"
            },
            "propagators": ["tracecontext", "baggage"],
            "resource": { "addK8sUIDAttributes": true, "resourceAttributes": { "team": "web" } },
            "sampler": { "argument": "0.25", "type": "parentbased_traceidratio" }
          }
        }
        """;

    /// <summary>The same JSON without whitespace, as Utf8JsonWriter writes it.</summary>
    public static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
