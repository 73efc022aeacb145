using System.Text;

namespace Webhook.Generators.Tests.Emitting;

/// <summary>
/// The annotation and name lookups of the injection table, written out by hand from schema/languages.json as a
/// second implementation: a linear search over byte arrays instead of the generated switch on length.
/// </summary>
public static class ReferenceAnnotationTable
{
    private const string Prefix = "instrumentation.opentelemetry.io/";

    private static readonly (byte[] Key, string Meaning)[] s_annotations =
    [
        (Utf8(Prefix + "inject-java"), "Java/Inject"),
        (Utf8(Prefix + "java-container-names"), "Java/ContainerNames"),
        (Utf8(Prefix + "inject-nodejs"), "Nodejs/Inject"),
        (Utf8(Prefix + "nodejs-container-names"), "Nodejs/ContainerNames"),
        (Utf8(Prefix + "inject-python"), "Python/Inject"),
        (Utf8(Prefix + "python-container-names"), "Python/ContainerNames"),
        (Utf8(Prefix + "otel-python-platform"), "Python/Platform"),
        (Utf8(Prefix + "inject-dotnet"), "Dotnet/Inject"),
        (Utf8(Prefix + "dotnet-container-names"), "Dotnet/ContainerNames"),
        (Utf8(Prefix + "otel-dotnet-auto-runtime"), "Dotnet/Platform"),
        (Utf8(Prefix + "inject-go"), "Go/Inject"),
        (Utf8(Prefix + "go-container-names"), "Go/ContainerNames"),
        (Utf8(Prefix + "inject-apache-httpd"), "ApacheHttpd/Inject"),
        (Utf8(Prefix + "apache-httpd-container-names"), "ApacheHttpd/ContainerNames"),
        (Utf8(Prefix + "inject-nginx"), "Nginx/Inject"),
        (Utf8(Prefix + "inject-nginx-container-names"), "Nginx/ContainerNames"),
        (Utf8(Prefix + "inject-sdk"), "Sdk/Inject"),
        (Utf8(Prefix + "sdk-container-names"), "Sdk/ContainerNames"),
    ];

    private static readonly (string Name, string Member)[] s_names =
    [
        ("java", "Java"), ("nodejs", "Nodejs"), ("python", "Python"), ("dotnet", "Dotnet"),
        ("go", "Go"), ("apache-httpd", "ApacheHttpd"), ("nginx", "Nginx"), ("sdk", "Sdk"),
    ];

    public static IEnumerable<byte[]> Keys => s_annotations.Select(a => a.Key);

    public static IEnumerable<string> Names => s_names.Select(n => n.Name);

    /// <summary><c>Language/Role</c> for a key the table knows, else null.</summary>
    public static string? Classify(byte[] key)
    {
        foreach (var (candidate, meaning) in s_annotations)
        {
            if (candidate.AsSpan().SequenceEqual(key))
            {
                return meaning;
            }
        }

        return null;
    }

    public static string? ByName(string name)
    {
        foreach (var (candidate, member) in s_names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return member;
            }
        }

        return null;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
