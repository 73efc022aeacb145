using Webhook.Manifests;

namespace Webhook.Cli;

/// <summary>
/// <c>otel-webhook manifests [--namespace NS] [--cert-manager] [--image IMAGE]</c>: the install bundle as one YAML
/// stream on standard output, ready for <c>kubectl apply -f -</c>. Exit 0, or 2 for usage errors.
/// </summary>
public static class ManifestsCommand
{
    public const string Name = "manifests";

    private const int MaxNamespaceLength = 63;

    private static readonly Dictionary<string, bool> s_options = new()
    {
        ["--namespace"] = true,
        ["--cert-manager"] = false,
        ["--image"] = true,
    };

    public static int Run(ReadOnlySpan<string> arguments, TextWriter output, TimeProvider clock)
    {
        var line = CommandLine.Parse(Name, arguments, s_options);
        var target = new InstallTarget(Namespace(line), Image(line));
        var bundle = InstallBundle.Create(target, CertManager(line), clock.GetUtcNow());
        output.Write(BundleYaml.Write(bundle));
        return 0;
    }

    private static string Namespace(CommandLine line)
    {
        var name = line.Value("--namespace") ?? InstallTarget.DefaultNamespace;
        if (!IsDnsLabel(name))
        {
            throw new UsageException("otel-webhook " + Name + ": --namespace '" + name + "' is not a namespace name; use at most "
                + MaxNamespaceLength + " lowercase letters, digits and '-', starting and ending with a letter or digit");
        }

        return name;
    }

    private static string Image(CommandLine line)
    {
        var image = line.Value("--image") ?? InstallTarget.DefaultImageRepository + ":" + ReleaseVersion.Current;
        if (image.Length == 0 || image.Any(char.IsWhiteSpace))
        {
            throw new UsageException("otel-webhook " + Name + ": --image '" + image + "' is not an image reference, e.g. "
                + InstallTarget.DefaultImageRepository + ":" + ReleaseVersion.Current);
        }

        return image;
    }

    private static bool CertManager(CommandLine line) => line.Value("--cert-manager") switch
    {
        null => line.Has("--cert-manager"),
        "true" => true,
        "false" => false,
        var other => throw new UsageException("otel-webhook " + Name + ": --cert-manager=" + other + " is not a boolean; use --cert-manager or --cert-manager=false"),
    };

    /// <summary>RFC 1123 label, the rule the API server applies to namespace names.</summary>
    private static bool IsDnsLabel(string name) =>
        name.Length is > 0 and <= MaxNamespaceLength
        && IsLowerAlphanumeric(name[0])
        && IsLowerAlphanumeric(name[^1])
        && name.All(static c => IsLowerAlphanumeric(c) || c == '-');

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
