namespace Webhook.Generators.Tests.Emitting.Probes;

/// <summary>C# compiled next to the models generated from <see cref="Inputs.SmallCrd.Features"/>.</summary>
public static class WidgetProbeSource
{
    public const string TypeName = "Probe.WidgetProbe";

    public const string Text = """
        using System.Buffers;
        using System.Text;
        using System.Text.Json;
        using Webhook.Crd;

        namespace Probe;

        public static class WidgetProbe
        {
            /// <summary>The errors, then (when there are none) the document as written back.</summary>
            public static string[] ReadAndWrite(string json)
            {
                var context = new ModelReadContext();
                var model = Widget.ReadDocument(Encoding.UTF8.GetBytes(json), context);
                if (context.Errors.Count > 0 || model is null)
                {
                    return context.Errors.Select(e => e.ToString()).ToArray();
                }

                var buffer = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    model.Write(writer);
                }

                return [Encoding.UTF8.GetString(buffer.WrittenSpan)];
            }
        }
        """;
}
