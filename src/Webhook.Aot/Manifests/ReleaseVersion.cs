using System.Reflection;

namespace Webhook.Manifests;

/// <summary>The version this binary was built as, without the <c>+commit</c> suffix, so it can be an image tag.</summary>
public static class ReleaseVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(ReleaseVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
