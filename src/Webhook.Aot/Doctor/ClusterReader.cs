using System.Net;
using System.Text.Json;
using Webhook.Sources;

namespace Webhook.Doctor;

/// <summary>
/// Reads lists from the API server in pages of <see cref="PageSize"/>, following <c>continue</c> up to
/// <see cref="MaxPages"/> pages, and turns each item into a record while its JSON is at hand.
/// </summary>
internal sealed class ClusterReader(ApiServerClient client)
{
    /// <summary>kubectl's page size.</summary>
    public const int PageSize = 500;

    /// <summary>20,000 objects of one kind in scope: past that the check is cut, and says so, rather than holding the cluster in memory.</summary>
    public const int MaxPages = 40;

    private readonly List<string> _notes = new();

    /// <summary>What could not be read or was cut short, one sentence each.</summary>
    public IReadOnlyList<string> Notes => _notes;

    public void Note(string note) => _notes.Add(note);

    public async Task<List<T>> ListAsync<T>(string path, Func<JsonElement, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        var resource = new WatchedResource(path, path, "", "");
        var result = new List<T>();
        string? next = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var list = await client.ListAsync(resource, PageSize, next, cancellationToken).ConfigureAwait(false);
            foreach (var item in list.Items)
            {
                using var document = JsonDocument.Parse(item.Json);
                if (read(document.RootElement) is { } value)
                {
                    result.Add(value);
                }
            }

            if ((next = list.Continue) is null)
            {
                return result;
            }
        }

        Note(path + ": more than " + (PageSize * MaxPages) + " objects; only the first " + (PageSize * MaxPages) + " were checked");
        return result;
    }

    /// <summary>Like <see cref="ListAsync"/>, but a list the user may not read (403) or that does not exist (404) is null, with a note.</summary>
    public async Task<List<T>?> TryListAsync<T>(string path, string consequence, Func<JsonElement, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await ListAsync(path, read, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.StatusCode is (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.NotFound)
        {
            Note("cannot list " + path + " (" + e.Message + "); " + consequence);
            return null;
        }
    }
}
