using System.Globalization;
using System.Text.Json;

namespace Webhook.Doctor;

/// <summary>The metadata of one object as <c>doctor</c> reads it from a list response.</summary>
internal sealed record ResourceMeta(
    string Namespace,
    string Name,
    string Uid,
    DateTimeOffset? Created,
    long? Generation,
    string? ResourceVersion,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<OwnerLink> Owners)
{
    public string Key => Namespace.Length == 0 ? Name : Namespace + "/" + Name;

    public static ResourceMeta Of(JsonElement item)
    {
        var metadata = Json.Child(item, "metadata");
        var owners = new List<OwnerLink>();
        if (Json.Child(metadata, "ownerReferences") is { ValueKind: JsonValueKind.Array } references)
        {
            foreach (var reference in references.EnumerateArray())
            {
                if (Json.Text(reference, "kind") is { } kind && Json.Text(reference, "name") is { } name)
                {
                    owners.Add(new OwnerLink(kind, name, Json.Text(reference, "uid") ?? ""));
                }
            }
        }

        return new ResourceMeta(
            Json.Text(metadata, "namespace") ?? "",
            Json.Text(metadata, "name") ?? "",
            Json.Text(metadata, "uid") ?? "",
            Time(Json.Text(metadata, "creationTimestamp")),
            Json.Child(metadata, "generation") is { ValueKind: JsonValueKind.Number } generation && generation.TryGetInt64(out var number) ? number : null,
            Json.Text(metadata, "resourceVersion"),
            Json.Strings(Json.Child(metadata, "labels")),
            Json.Strings(Json.Child(metadata, "annotations")),
            owners);
    }

    /// <summary>True when this object is owned by <paramref name="owner"/> (by uid; by kind and name when a uid is missing).</summary>
    public bool IsOwnedBy(ResourceMeta owner, string ownerKind)
    {
        foreach (var link in Owners)
        {
            if (link.Uid.Length > 0 && owner.Uid.Length > 0 ? link.Uid == owner.Uid : link.Kind == ownerKind && link.Name == owner.Name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>RFC 3339 as the API server writes it: <c>2026-12-01T10:00:00Z</c>.</summary>
    public static string Format(DateTimeOffset? time)
        => time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "an unknown time";

    private static DateTimeOffset? Time(string? text)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}

/// <summary>One of <c>metadata.ownerReferences</c>.</summary>
internal readonly record struct OwnerLink(string Kind, string Name, string Uid);
