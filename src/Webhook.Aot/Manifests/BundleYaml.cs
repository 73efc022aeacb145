using System.Text;
using Webhook.Documents;

namespace Webhook.Manifests;

/// <summary>The bundle as one YAML stream: documents separated by <c>---</c>, each comment line above its document.</summary>
public static class BundleYaml
{
    public static string Write(IReadOnlyList<BundleDocument> documents)
    {
        var yaml = new StringBuilder();
        foreach (var document in documents)
        {
            if (yaml.Length > 0)
            {
                yaml.Append("---\n");
            }

            if (document.Comment is { } comment)
            {
                foreach (var line in comment.Split('\n'))
                {
                    yaml.Append("# ").Append(line).Append('\n');
                }
            }

            yaml.Append(YamlWriter.ToYaml(document.Json));
        }

        return yaml.ToString();
    }
}
