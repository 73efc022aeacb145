using System.Text;
using System.Text.Json;
using Webhook.Injection;
using Webhook.Injection.Snapshot;

namespace Webhook.Tests.Reliability;

/// <summary>
/// An oracle written apart from the engine: could this pod, in this namespace, have asked for injection? It errs
/// towards "yes" (any inject annotation in any metadata object, duplicates included; input it cannot read), so
/// "no" is certain: such a pod must never be patched.
/// </summary>
public static class InjectionAsk
{
    private const string InjectPrefix = "instrumentation.opentelemetry.io/inject-";

    public static bool Possible(ReadOnlyMemory<byte> podJson, IEnumerable<string> namespaces, InstrumentationSnapshot snapshot)
    {
        foreach (var ns in namespaces)
        {
            foreach (var language in InjectionTable.All)
            {
                if (Asks(snapshot.NamespaceAnnotation(ns, language.InjectAnnotation)))
                {
                    return true;
                }
            }
        }

        try
        {
            using var pod = JsonDocument.Parse(podJson, new JsonDocumentOptions { MaxDepth = 1024 });
            return pod.RootElement.ValueKind != JsonValueKind.Object || PodAsks(pod.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return true;
        }
    }

    /// <summary>The namespaces the engine might look up: the request's (raw and unescaped) and the pod's own.</summary>
    public static IEnumerable<string> Namespaces(ReadOnlySpan<byte> rawRequestNamespace, ReadOnlyMemory<byte> podJson)
    {
        var names = new List<string> { Encoding.UTF8.GetString(rawRequestNamespace) };
        try
        {
            names.Add(Unescaped(rawRequestNamespace));
            using var pod = JsonDocument.Parse(podJson, new JsonDocumentOptions { MaxDepth = 1024 });
            foreach (var metadata in Members(pod.RootElement, "metadata"))
            {
                foreach (var ns in Members(metadata, "namespace"))
                {
                    if (ns.ValueKind == JsonValueKind.String)
                    {
                        names.Add(ns.GetString()!);
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
        }

        return names;
    }

    private static string Unescaped(ReadOnlySpan<byte> raw)
    {
        var quoted = new byte[raw.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted.AsSpan(1));
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString() ?? "";
    }

    private static bool PodAsks(JsonElement pod)
    {
        foreach (var metadata in Members(pod, "metadata"))
        {
            foreach (var annotations in Members(metadata, "annotations"))
            {
                if (annotations.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var annotation in annotations.EnumerateObject())
                {
                    if (annotation.Name.StartsWith(InjectPrefix, StringComparison.Ordinal)
                        && annotation.Value.ValueKind == JsonValueKind.String && Asks(annotation.Value.GetString()))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Every value of a member, duplicates included; none when the element is not an object.</summary>
    private static IEnumerable<JsonElement> Members(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var member in element.EnumerateObject())
        {
            if (member.NameEquals(name))
            {
                yield return member.Value;
            }
        }
    }

    private static bool Asks(string? value) => !string.IsNullOrEmpty(value) && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
}
