using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection;

/// <summary>
/// With <c>UPDATE_INJECTION_CASES=1</c>, <see cref="InjectionCaseTests"/> writes the injected marker (annotation and
/// label) the engine produced into each case's expected pod in the source tree, and compares against that file.
/// Only the expected pod's <c>metadata.annotations</c> and <c>metadata.labels</c> entries are rewritten, in block style,
/// the other keys as they were; a file whose expected pod already carries that marker is left byte for byte.
/// Review the diff like code.
/// </summary>
public static class InjectionCaseMarkers
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_INJECTION_CASES") == "1";

    public static string SourceFolder { get; } = RepositoryFolder.PathOf("tests", "testdata", "injection");

    /// <summary>Rewrites the case file so its expected pod carries <paramref name="annotationValue"/> and the label; true when it changed.</summary>
    public static bool Update(string path, string annotationValue)
    {
        var text = File.ReadAllText(path);
        var updated = WithMarker(text, path, annotationValue);
        if (updated == text)
        {
            return false;
        }

        File.WriteAllText(path, updated);
        return true;
    }

    /// <summary>The case text with the marker in its expected pod (the last Pod document).</summary>
    public static string WithMarker(string text, string sourceName, string annotationValue)
    {
        var expected = DocumentReader.Read(text, sourceName).Last(d => d.Kind == "Pod");
        var metadata = JsonNode.Parse(expected.Json)!["metadata"]!.AsObject();
        var lines = text.Split('\n').ToList();
        var annotations = metadata["annotations"] as JsonObject;
        if ((string?)annotations?[InjectedMarker.AnnotationName] != annotationValue)
        {
            Replace(lines, "annotations", annotations, InjectedMarker.AnnotationName, "    " + InjectedMarker.AnnotationName + ": '" + annotationValue.Replace("'", "''", StringComparison.Ordinal) + "'");
        }

        var labels = metadata["labels"] as JsonObject;
        if ((string?)labels?[InjectedMarker.LabelName] != InjectedMarker.LabelValue)
        {
            Replace(lines, "labels", labels, InjectedMarker.LabelName, "    " + InjectedMarker.LabelName + ": \"" + InjectedMarker.LabelValue + "\"");
        }

        return string.Join('\n', lines);
    }

    /// <summary>Replaces the metadata entry <paramref name="key"/> of the last Pod document (or adds it at the end of its metadata).</summary>
    private static void Replace(List<string> lines, string key, JsonObject? current, string markerKey, string markerLine)
    {
        var podStart = lines.FindLastIndex(line => line == "kind: Pod");
        var documentStart = lines.FindLastIndex(podStart, line => line == "---") + 1;
        var metadataLine = lines.FindIndex(documentStart, line => line == "metadata:");
        if (metadataLine < 0)
        {
            throw new InvalidOperationException("the expected pod has no block-style metadata: to update, write it as 'metadata:' followed by its keys");
        }

        var metadataEnd = metadataLine + 1;
        while (metadataEnd < lines.Count && (lines[metadataEnd].Length == 0 || lines[metadataEnd].StartsWith(' ')))
        {
            metadataEnd++;
        }

        while (metadataEnd > metadataLine + 1 && lines[metadataEnd - 1].Trim().Length == 0)
        {
            metadataEnd--;
        }

        var entry = lines.FindIndex(metadataLine + 1, metadataEnd - metadataLine - 1,
            line => line == "  " + key + ":" || line.StartsWith("  " + key + ": ", StringComparison.Ordinal));
        var entryEnd = metadataEnd;
        if (entry >= 0)
        {
            entryEnd = entry + 1;
            while (entryEnd < metadataEnd && (lines[entryEnd].Length == 0 || lines[entryEnd].StartsWith("   ", StringComparison.Ordinal)))
            {
                entryEnd++;
            }

            lines.RemoveRange(entry, entryEnd - entry);
            entryEnd = entry;
        }

        var others = new JsonObject();
        foreach (var (name, value) in current ?? [])
        {
            if (name != markerKey)
            {
                others[name] = value?.DeepClone();
            }
        }

        var block = new List<string> { "  " + key + ":" };
        if (others.Count > 0)
        {
            var yaml = YamlWriter.ToYaml(System.Text.Encoding.UTF8.GetBytes(others.ToJsonString()));
            block.AddRange(yaml.TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? line : "    " + line));
        }

        block.Add(markerLine);
        lines.InsertRange(entryEnd, block);
    }
}
