namespace Webhook.Generators.Tests.Emitting.Probes;

/// <summary>
/// C# compiled next to the generated Instrumentation models: entry points taking and returning strings, so tests
/// can call the span-based readers through reflection. It also pins the generated API (type and property names).
/// </summary>
public static class CrdProbeSource
{
    public const string TypeName = "Probe.CrdProbe";

    public const string Text = """
        using System.Buffers;
        using System.Text;
        using System.Text.Json;
        using Webhook.Crd;

        namespace Probe;

        public static class CrdProbe
        {
            public static string[] Errors(string json)
            {
                var context = new ModelReadContext();
                Instrumentation.ReadDocument(Encoding.UTF8.GetBytes(json), context);
                return context.Errors.Select(e => e.ToString()).ToArray();
            }

            public static string RoundTrip(string json)
            {
                var model = ReadValid(json);
                var buffer = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    model.Write(writer);
                }

                return Encoding.UTF8.GetString(buffer.WrittenSpan);
            }

            public static string[] Facts(string json)
            {
                var model = ReadValid(json);
                var spec = model.Spec!;
                var cpu = spec.Java!.Resources!.Limits!["cpu"];
                return
                [
                    "metadata=" + model.Metadata!.Name + "/" + model.Metadata.Namespace + " " + string.Join(",", model.Metadata.Annotations!.Select(p => p.Key + "=" + p.Value)),
                    "sampler=" + spec.Sampler!.Type + " " + spec.Sampler.Argument,
                    "java.limits.cpu=" + cpu.Text + (cpu.IsNumber ? " (number)" : " (string)"),
                    "java.requests.memory=" + spec.Java.Resources.Requests!["memory"].Text,
                    "env=" + string.Join(",", spec.Env!.Select(e => e.Name + "=" + (e.Value ?? "from " + e.ValueFrom!.FieldRef!.FieldPath))),
                    "propagators=" + string.Join(",", spec.Propagators!),
                    "runAsUser=" + spec.InitContainerSecurityContext!.RunAsUser,
                    "addK8sUIDAttributes=" + spec.Resource!.AddK8sUIDAttributes,
                    "tls.ca_file=" + spec.Exporter!.Tls!.CaFile,
                ];
            }

            private static Instrumentation ReadValid(string json)
            {
                var context = new ModelReadContext();
                var model = Instrumentation.ReadDocument(Encoding.UTF8.GetBytes(json), context);
                if (context.Errors.Count > 0 || model is null)
                {
                    throw new InvalidOperationException("Expected a valid document: " + string.Join("; ", context.Errors));
                }

                return model;
            }
        }
        """;
}
