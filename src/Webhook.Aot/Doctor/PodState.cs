using System.Text.Json;

namespace Webhook.Doctor;

/// <summary>A pod as <c>doctor</c> needs it: who owns it, when it was made, its marker and its containers.</summary>
internal sealed record PodState(ResourceMeta Meta, IReadOnlyList<ContainerState> InitContainers, IReadOnlyList<ContainerState> Containers, bool Terminating)
{
    public static PodState Of(JsonElement item)
    {
        var spec = Json.Child(item, "spec");
        return new PodState(
            ResourceMeta.Of(item),
            [.. Json.Items(spec, "initContainers").Select(ContainerState.Of)],
            [.. Json.Items(spec, "containers").Select(ContainerState.Of)],
            Json.Text(Json.Child(item, "metadata"), "deletionTimestamp") is not null);
    }
}

/// <summary>A container's name, image and the names of its env vars.</summary>
internal sealed record ContainerState(string Name, string Image, IReadOnlyList<string> EnvNames)
{
    public static ContainerState Of(JsonElement container) => new(
        Json.Text(container, "name") ?? "",
        Json.Text(container, "image") ?? "",
        [.. Json.Items(container, "env").Select(env => Json.Text(env, "name") ?? "")]);
}
