using System.Text.Json;
using Webhook.Documents;

namespace Webhook.Sources;

/// <summary>One page of a list response: its objects, the resourceVersion to watch from, the token of the next page.</summary>
internal sealed record ResourceListPage(IReadOnlyList<ApiObject> Items, string ResourceVersion, string? Continue, IReadOnlyList<string> Problems)
{
    public static async Task<ResourceListPage> ReadAsync(Stream body, WatchedResource resource, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, new JsonDocumentOptions { MaxDepth = DocumentReader.MaxDepth }, cancellationToken)
            .ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("metadata"u8, out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || ApiObject.String(metadata, "resourceVersion"u8) is not { Length: > 0 } resourceVersion)
        {
            throw new InvalidDataException("the list response of " + resource.Plural + " has no metadata.resourceVersion");
        }

        var items = new List<ApiObject>();
        var problems = new List<string>();
        if (root.TryGetProperty("items"u8, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                if (ApiObject.From(element, resource, out var problem) is { } item)
                {
                    items.Add(item);
                }
                else
                {
                    problems.Add("item " + index + ": " + problem);
                }

                index++;
            }
        }

        var next = ApiObject.String(metadata, "continue"u8);
        return new ResourceListPage(items, resourceVersion, string.IsNullOrEmpty(next) ? null : next, problems);
    }
}
