using Webhook.Injection;
using Webhook.Injection.Table;
using Webhook.Instrumentations;

namespace Webhook.Doctor;

/// <summary>
/// The webhook as the cluster runs it: its MutatingWebhookConfiguration, the Service that configuration calls and
/// how many of its endpoints are ready, and the language switches and default images of its Deployment.
/// </summary>
internal sealed record WebhookInstallation
{
    /// <summary>False when the user may not list MutatingWebhookConfigurations: nothing is said about the webhook then.</summary>
    public bool Known { get; init; } = true;

    public string? ConfigurationName { get; init; }

    public DateTimeOffset? ConfigurationCreated { get; init; }

    public string? ServiceNamespace { get; init; }

    public string? ServiceName { get; init; }

    /// <summary>Null when the EndpointSlices could not be read.</summary>
    public int? ReadyEndpoints { get; init; }

    /// <summary><c>NS/NAME</c> of the webhook's Deployment; null when none was found.</summary>
    public string? Deployment { get; init; }

    /// <summary>The words of the webhook container's command line after <c>serve</c>, and its env vars with plain values.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public InjectionSettings Settings { get; init; } = InjectionSettings.Defaults;

    public ImageDefaults Images { get; init; } = ImageDefaults.FromTable;

    public static WebhookInstallation Unknown { get; } = new() { Known = false };

    /// <summary>How the webhook came to have <paramref name="rule"/> off: the flag in its args, the env var, or the default.</summary>
    public string SwitchedOffBy(SwitchRule rule)
    {
        foreach (var argument in Arguments)
        {
            if (argument == rule.Flag || argument.StartsWith(rule.Flag + "=", StringComparison.Ordinal))
            {
                return "its args set " + argument;
            }
        }

        return Environment.TryGetValue(rule.EnvironmentVariable, out var value)
            ? "its env sets " + rule.EnvironmentVariable + "=" + value
            : "it is off by default";
    }
}
