using System.Buffers;
using System.Text.Json;
using Webhook.Crd;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Env;

/// <summary>
/// Env entries whose JSON is written once, when they are made, by the same code that would write them into a patch:
/// the patch writer then copies their bytes (<see cref="JsonFragments.WriteEnvEntry"/> copies an entry's raw JSON)
/// instead of escaping and encoding their strings for every pod. An entry injection later changes is written from its
/// raw JSON with the new value, as a pod's own entry is, which gives the bytes its fields would.
/// </summary>
public static class PrewrittenEnv
{
    public static EnvEntry Literal(string name, string value) => Prewritten(EnvEntry.Literal(name, value));

    public static EnvEntry FieldRef(string name, string fieldPath) => Prewritten(EnvEntry.FieldRef(name, fieldPath));

    /// <summary>Copies of an Instrumentation's env entries as written (those without a name are left out, as when they are appended).</summary>
    public static EnvEntry[] Copies(List<EnvVar>? entries)
    {
        if (entries is null)
        {
            return [];
        }

        var copies = new List<EnvEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Name is { } name)
            {
                var json = new ArrayBufferWriter<byte>(128);
                using (var writer = new Utf8JsonWriter(json))
                {
                    entry.Write(writer);
                }

                copies.Add(EnvEntry.Copied(name, entry.Value, entry.ValueFrom is not null, json.WrittenSpan.ToArray()));
            }
        }

        return copies.ToArray();
    }

    private static EnvEntry Prewritten(EnvEntry entry)
    {
        var json = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(json))
        {
            JsonFragments.WriteEnvEntry(writer, entry);
        }

        return EnvEntry.Copied(entry.Name, entry.Value, entry.HasValueFrom, json.WrittenSpan.ToArray());
    }
}
