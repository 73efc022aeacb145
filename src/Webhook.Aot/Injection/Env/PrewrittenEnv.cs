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
    public static EnvEntry Literal(string name, string value) => Adjacent(EnvEntry.Literal(name, value))[0];

    public static EnvEntry FieldRef(string name, string fieldPath) => Adjacent(EnvEntry.FieldRef(name, fieldPath))[0];

    /// <summary>
    /// Entries written one after the other in one array, a comma apart: where injection adds them in this order,
    /// the patch writer copies them in one piece (<see cref="JsonFragments.WriteEnv"/>).
    /// </summary>
    public static EnvEntry[] Adjacent(params ReadOnlySpan<EnvEntry> entries)
    {
        var written = new EnvEntry[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            written[i] = EnvEntry.Copied(entry.Name, entry.Value, entry.HasValueFrom, Json(entry, static (writer, entry) => JsonFragments.WriteEnvEntry(writer, entry)));
        }

        return Joined(written);
    }

    /// <summary>
    /// Copies of an Instrumentation's env entries as written (those without a name are left out, as when they are
    /// appended), in one array as <see cref="Adjacent"/> writes them.
    /// </summary>
    public static EnvEntry[] Copies(List<EnvVar>? entries)
    {
        if (entries is null)
        {
            return [];
        }

        var written = new List<EnvEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Name is { } name)
            {
                written.Add(EnvEntry.Copied(name, entry.Value, entry.ValueFrom is not null, Json(entry, static (writer, entry) => entry.Write(writer))));
            }
        }

        return Joined(written.ToArray());
    }

    private static byte[] Json<T>(T item, Action<Utf8JsonWriter, T> write)
    {
        var json = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(json))
        {
            write(writer, item);
        }

        return json.WrittenSpan.ToArray();
    }

    /// <summary>The entries with their JSON moved into one array, one after the other, a comma between two.</summary>
    private static EnvEntry[] Joined(EnvEntry[] entries)
    {
        var length = Math.Max(0, entries.Length - 1);
        foreach (var entry in entries)
        {
            length += entry.Raw.Length;
        }

        var bytes = new byte[length];
        var joined = new EnvEntry[entries.Length];
        var at = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (i > 0)
            {
                bytes[at++] = (byte)',';
            }

            var entry = entries[i];
            entry.Raw.Span.CopyTo(bytes.AsSpan(at));
            joined[i] = EnvEntry.Copied(entry.Name, entry.Value, entry.HasValueFrom, bytes.AsMemory(at, entry.Raw.Length));
            at += entry.Raw.Length;
        }

        return joined;
    }
}
