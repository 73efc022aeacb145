using System.Text.Json;
using Webhook.Admission;
using Webhook.Manifests;

namespace Webhook.Doctor;

/// <summary>
/// Finds the webhook in the cluster: the MutatingWebhookConfiguration that calls otel-webhook (by the bundle's
/// name or app label, or a webhook calling <see cref="MutateEndpoint.Path"/>), the EndpointSlices of the Service it
/// calls, and the Deployment whose pods that Service selects, whose command line tells the language switches.
/// </summary>
internal static class WebhookSurvey
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";

    public static async Task<WebhookInstallation> ReadAsync(ClusterReader reader, ServeSwitchReader switches, CancellationToken cancellationToken)
    {
        var configurations = await reader.TryListAsync("apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations",
            "whether the webhook is installed and reachable is not checked", static item => Configuration.Of(item), cancellationToken).ConfigureAwait(false);
        if (configurations is null)
        {
            return WebhookInstallation.Unknown;
        }

        if (configurations.Find(static configuration => configuration.IsOurs) is not { } ours)
        {
            return new WebhookInstallation();
        }

        var installation = new WebhookInstallation
        {
            ConfigurationName = ours.Meta.Name, ConfigurationCreated = ours.Meta.Created, ServiceNamespace = ours.ServiceNamespace, ServiceName = ours.ServiceName,
        };
        if (ours.ServiceNamespace is not { } ns || ours.ServiceName is not { } service)
        {
            return installation;
        }

        var slices = await reader.TryListAsync("apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices", "whether the webhook has ready endpoints is not checked",
            item => ResourceMeta.Of(item).Labels.GetValueOrDefault(ServiceNameLabel) == service ? new ReadyCount(ReadyEndpoints(item)) : null, cancellationToken)
            .ConfigureAwait(false);
        var selector = (await reader.TryListAsync("api/v1/namespaces/" + ns + "/services", "the webhook's Deployment is found by its app label",
            item => ResourceMeta.Of(item).Name == service ? Json.Strings(Json.Child(Json.Child(item, "spec"), "selector")) : null, cancellationToken)
            .ConfigureAwait(false))?.FirstOrDefault();
        var deployments = await reader.TryListAsync("apis/apps/v1/namespaces/" + ns + "/deployments", "the webhook's language switches are taken as their defaults",
            static item => WebhookDeployment.Of(item), cancellationToken).ConfigureAwait(false) ?? [];
        var deployment = deployments.Find(candidate => selector is { Count: > 0 } && selector.All(label => candidate.PodLabels.GetValueOrDefault(label.Key) == label.Value))
            ?? deployments.Find(static candidate => candidate.Meta.Labels.GetValueOrDefault(InstallTarget.AppLabel) == InstallTarget.Name);
        installation = installation with { ReadyEndpoints = slices?.Sum(static slice => slice.Ready) };
        return deployment is null ? installation : WithSwitches(reader, switches, installation, deployment);
    }

    private static WebhookInstallation WithSwitches(ClusterReader reader, ServeSwitchReader switches, WebhookInstallation installation, WebhookDeployment deployment)
    {
        installation = installation with { Deployment = deployment.Meta.Key, Arguments = deployment.Arguments, Environment = deployment.Environment };
        var read = switches([.. deployment.Arguments], name => deployment.Environment.GetValueOrDefault(name));
        if (read is { Settings: { } settings, Images: { } images })
        {
            return installation with { Settings = settings, Images = images };
        }

        reader.Note("Deployment " + deployment.Meta.Key + ": cannot read the webhook's switches (" + read.Problem + "); their defaults are assumed");
        return installation;
    }

    /// <summary>Endpoints whose <c>conditions.ready</c> is not false: an absent condition counts as ready, as the API says.</summary>
    private static int ReadyEndpoints(JsonElement slice)
        => Json.Items(slice, "endpoints").Count(static endpoint => Json.Child(Json.Child(endpoint, "conditions"), "ready") is not { ValueKind: JsonValueKind.False });

    private sealed record ReadyCount(int Ready);

    private sealed record Configuration(ResourceMeta Meta, bool IsOurs, string? ServiceNamespace, string? ServiceName)
    {
        public static Configuration Of(JsonElement item)
        {
            var meta = ResourceMeta.Of(item);
            var byName = meta.Name == InstallTarget.Name || meta.Labels.GetValueOrDefault(InstallTarget.AppLabel) == InstallTarget.Name;
            foreach (var webhook in Json.Items(item, "webhooks"))
            {
                var service = Json.Child(Json.Child(webhook, "clientConfig"), "service");
                if (service is not null && (byName || Json.Text(service, "path") == MutateEndpoint.Path))
                {
                    return new Configuration(meta, true, Json.Text(service, "namespace"), Json.Text(service, "name"));
                }
            }

            return new Configuration(meta, byName, null, null);
        }
    }

    /// <summary>A Deployment in the webhook's namespace: its pod labels, and its webhook container's command line and plain env values.</summary>
    private sealed record WebhookDeployment(ResourceMeta Meta, IReadOnlyDictionary<string, string> PodLabels, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
    {
        public static WebhookDeployment Of(JsonElement item)
        {
            var template = Json.Path(item, ["spec", "template"]);
            var containers = Json.Items(Json.Child(template, "spec"), "containers").ToList();
            var container = containers.Find(static c => Json.Text(c, "name") == InstallTarget.ContainerName);
            if (container.ValueKind == JsonValueKind.Undefined && containers.Count > 0)
            {
                container = containers[0];
            }

            var words = Json.Items(container, "command").Concat(Json.Items(container, "args"))
                .Select(static word => word.ValueKind == JsonValueKind.String ? word.GetString()! : "").ToList();

            // The program and the "serve" command come before the options (the image's entrypoint is "/otel-webhook serve").
            var first = words.FindIndex(static word => word.StartsWith('-'));
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var env in Json.Items(container, "env"))
            {
                if (Json.Text(env, "name") is { } name && Json.Text(env, "value") is { } value)
                {
                    environment[name] = value;
                }
            }

            return new WebhookDeployment(ResourceMeta.Of(item), Json.Strings(Json.Path(template, ["metadata", "labels"])),
                first < 0 ? [] : words[first..], environment);
        }
    }
}
