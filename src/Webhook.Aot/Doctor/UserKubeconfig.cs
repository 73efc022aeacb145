using k8s;
using k8s.Exceptions;

namespace Webhook.Doctor;

/// <summary>
/// The user's kubeconfig as kubectl finds it: <c>--kubeconfig FILE</c>; else the files listed in <c>$KUBECONFIG</c>
/// (separated by ':' on Linux; the first that exists); else <c>~/.kube/config</c>.
/// </summary>
internal static class UserKubeconfig
{
    public const string EnvironmentVariable = "KUBECONFIG";

    public static KubernetesClientConfiguration Load(string? file, string? context, Func<string, string?> environment)
    {
        if (file is not null)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(file, context);
        }

        var listed = (environment(EnvironmentVariable) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (listed.Length == 0)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath: null, context);
        }

        // kubectl merges the listed files; reading the first that exists gives the same answer whenever the current
        // context, its cluster and its user are all in that file, as they are with one file.
        var first = Array.Find(listed, File.Exists)
            ?? throw new KubeConfigException(EnvironmentVariable + " names no file that exists: " + string.Join(Path.PathSeparator, listed));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(first, context);
    }

    /// <summary>Where the configuration came from, for messages.</summary>
    public static string Describe(string? file, Func<string, string?> environment)
        => file ?? (environment(EnvironmentVariable) is { Length: > 0 } listed ? "$" + EnvironmentVariable + " (" + listed + ")" : "~/.kube/config");
}
