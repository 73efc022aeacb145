using k8s;
using k8s.Authentication;

namespace Webhook.Sources;

/// <summary>
/// What authenticates each request, chosen from the configuration in the client library's order: a token provider
/// (the in-cluster token file, re-read as it rotates; an exec plugin), a fixed token, then basic auth.
/// </summary>
internal static class ApiServerCredentials
{
    public static ServiceClientCredentials? From(KubernetesClientConfiguration configuration)
    {
        if (configuration.TokenProvider is not null)
        {
            return new TokenCredentials(configuration.TokenProvider);
        }

        if (!string.IsNullOrEmpty(configuration.AccessToken))
        {
            return new TokenCredentials(configuration.AccessToken);
        }

        if (!string.IsNullOrEmpty(configuration.Username))
        {
            return new BasicAuthenticationCredentials { UserName = configuration.Username, Password = configuration.Password };
        }

        return null;
    }
}
