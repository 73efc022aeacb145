using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Webhook.Instrumentations;
using Webhook.Sources;

namespace Webhook.Tests.Sources;

/// <summary>A <see cref="DirectorySource"/> over a fresh temporary folder, polling every 20 ms; one file per object.</summary>
internal sealed class DirectoryHarness : ISourceHarness
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public DirectoryHarness()
    {
        Folder = Path.Combine(Path.GetTempPath(), "otel-webhook-sources-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public SnapshotStore Store { get; } = new();

    public RecordingLogger<DirectorySource> Log { get; } = new();

    public static TimeSpan PollInterval { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The running source, once <see cref="Start"/> has been called.</summary>
    public DirectorySource Source { get; private set; } = null!;

    public Task PutAsync(string objectJson)
    {
        var item = JsonNode.Parse(objectJson)!;
        WriteFile(FileName((string)item["kind"]!, (string?)item["metadata"]!["namespace"], (string)item["metadata"]!["name"]!), objectJson);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string kind, string? ns, string name)
    {
        File.Delete(Path.Combine(Folder, FileName(kind, ns, name)));
        return Task.CompletedTask;
    }

    /// <summary>Replaces a file in one step (write aside, rename), as an editor or kubelet would.</summary>
    public void WriteFile(string name, string text)
    {
        var temporary = Path.Combine(Folder, "." + name + ".tmp");
        File.WriteAllText(temporary, text);
        File.Move(temporary, Path.Combine(Folder, name), overwrite: true);
    }

    public void Start()
    {
        Source = new DirectorySource(Folder, ImageDefaults.FromTable, Log, PollInterval);
        _run = Task.Run(() => Source.RunAsync(Store, _stop.Token));
    }

    public bool Logged(LogLevel level, int eventId, string containing) => Log.Has(level, eventId, containing);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(Eventually.Deadline);
        }

        _stop.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static string FileName(string kind, string? ns, string name) => kind.ToLowerInvariant() + "." + (ns ?? "cluster") + "." + name + ".json";
}
