namespace Webhook.Generators.Tests.Harness;

/// <summary>Reads the hand-written runtime files the generated code depends on, straight from the source tree.</summary>
public static class RuntimeSources
{
    /// <summary>The project compiles with implicit usings; a standalone compilation needs them spelled out.</summary>
    public const string ImplicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\n";

    public static List<(string Path, string Text)> Read(RuntimeParts parts)
    {
        var files = new List<(string Path, string Text)>();
        foreach (var path in Directory.GetFiles(RepoPaths.Combine("src", "Webhook.Aot", "Crd"), "*.cs").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            var part = text.Contains("partial class", StringComparison.Ordinal) ? RuntimeParts.CrdModelPartials : RuntimeParts.CrdSupport;
            if (parts.HasFlag(part))
            {
                files.Add((path, text));
            }
        }

        if (parts.HasFlag(RuntimeParts.CrdSupport))
        {
            foreach (var path in new[] { RepoPaths.Combine("src", "Webhook.Aot", "Documents", "FieldPath.cs"), RepoPaths.Combine("src", "Webhook.Aot", "Text", "EchoedText.cs") })
            {
                files.Add((path, File.ReadAllText(path)));
            }
        }

        if (parts.HasFlag(RuntimeParts.InjectionTable))
        {
            foreach (var path in Directory.GetFiles(RepoPaths.Combine("src", "Webhook.Aot", "Injection", "Table"), "*.cs").Order(StringComparer.Ordinal))
            {
                files.Add((path, File.ReadAllText(path)));
            }
        }

        return files;
    }
}
