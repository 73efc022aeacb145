using k8s;

namespace Webhook.Sources;

/// <summary>How <c>serve</c> reaches the API server: <c>--kubeconfig FILE</c> when given, else the pod's service account.</summary>
public static class KubernetesConnection
{
    public static KubernetesClientConfiguration Configuration(string? kubeconfig)
    {
        if (kubeconfig is not null)
        {
            if (!File.Exists(kubeconfig))
            {
                throw new FileNotFoundException("--kubeconfig " + kubeconfig + ": file not found", kubeconfig);
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        throw new InvalidOperationException(
            "not running in a cluster (no service account token) and no --kubeconfig given; pass --kubeconfig FILE, or --instrumentations DIR to read a folder");
    }
}
