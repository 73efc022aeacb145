using System.Globalization;
using Microsoft.Extensions.Logging;
using Webhook.Documents;
using Webhook.Instrumentations;
using Webhook.Observability;

namespace Webhook.Sources;

/// <summary>
/// Instrumentations and Namespaces from the YAML/JSON files of a folder (<c>serve --instrumentations DIR</c>),
/// re-read whenever a file's content changes. A file that cannot be read or parsed keeps its last good contents;
/// an invalid Instrumentation is left out; both are logged (once, until the file changes) and reported. Nothing in
/// one file stops the source: a named pipe, a device or an oversized file is skipped unread (see
/// <see cref="InstrumentationFolder"/>), and YAML aliases are capped in what they expand to.
/// </summary>
public sealed class DirectorySource : ISnapshotSource
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The namespace <c>kubectl apply</c> gives an object that names none.</summary>
    private const string DefaultNamespace = "default";

    private readonly string _folder;
    private readonly SnapshotBuilder _builder;
    private readonly ILogger _log;
    private readonly TimeSpan _pollInterval;

    /// <summary>What each file contributed when it was last read; only the polling loop touches it.</summary>
    private Dictionary<string, FileState> _files = new(StringComparer.Ordinal);

    public DirectorySource(string folder, ImageDefaults images, ILogger<DirectorySource> log)
        : this(folder, images, log, DefaultPollInterval)
    {
    }

    private long _polls;

    public DirectorySource(string folder, ImageDefaults images, ILogger<DirectorySource> log, TimeSpan pollInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        _folder = folder;
        _builder = new SnapshotBuilder(images);
        _log = log;
        _pollInterval = pollInterval;
        ThrowIfMissing();
    }

    public string Name => "directory";

    /// <summary>How many times the folder has been read; tests wait on it to show that a read changed nothing.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    public async Task RunAsync(SnapshotStore store, CancellationToken cancellationToken)
    {
        ThrowIfMissing();

        // Polling, not file events: kubelet updates a ConfigMap volume by swapping the ..data symlink, which
        // inotify-style events report late, twice or not at all. Content hashes see every real change once.
        using var timer = new PeriodicTimer(_pollInterval);
        try
        {
            await RefreshAsync(store, firstRead: true, cancellationToken).ConfigureAwait(false);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await RefreshAsync(store, firstRead: false, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _polls);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Reads on a pool thread, awaited until cancelled: a read the kernel holds up (a stalled network volume) may
    /// keep its thread, but never holds up shutdown.
    /// </summary>
    private Task RefreshAsync(SnapshotStore store, bool firstRead, CancellationToken cancellationToken) =>
        Task.Run(() => RefreshGuarded(store, firstRead), cancellationToken).WaitAsync(cancellationToken);

    /// <summary>A fault of ours while refreshing is reported and the last snapshot kept; the next poll tries again.</summary>
    private void RefreshGuarded(SnapshotStore store, bool firstRead)
    {
        try
        {
            Refresh(store, firstRead);
        }
        catch (Exception e)
        {
            SourceLog.FolderRefreshFailed(_log, e, _folder, e.Message);
            store.ReportProblem("--instrumentations " + _folder + ": " + e.Message + "; the last snapshot stays in use");
        }
    }

    private void ThrowIfMissing()
    {
        if (!Directory.Exists(_folder))
        {
            throw new DirectoryNotFoundException("--instrumentations " + _folder
                + ": folder not found; create it or mount the ConfigMap there, or leave the option out to watch the API server");
        }
    }

    private void Refresh(SnapshotStore store, bool firstRead)
    {
        IReadOnlyList<FolderFile> files;
        try
        {
            files = InstrumentationFolder.Read(_folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SourceLog.FolderUnreadable(_log, _folder, e.Message);
            store.ReportProblem("--instrumentations " + _folder + ": " + e.Message + "; the last snapshot stays in use");
            return;
        }

        if (!firstRead && !HasChanged(files))
        {
            return;
        }

        var next = new Dictionary<string, FileState>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            next[file.Name] = _files.TryGetValue(file.Name, out var known) && known.Fingerprint == file.Fingerprint
                ? known
                : ReadFileGuarded(file, known);
        }

        Publish(store, files, next);
        _files = next;
    }

    private bool HasChanged(IReadOnlyList<FolderFile> files)
    {
        if (files.Count != _files.Count)
        {
            return true;
        }

        foreach (var file in files)
        {
            if (!_files.TryGetValue(file.Name, out var known) || known.Fingerprint != file.Fingerprint)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <see cref="ReadFile"/>, where any failure (out of memory on a document included) is that file's problem:
    /// it keeps its last good entries and the other files are read as usual.
    /// </summary>
    private FileState ReadFileGuarded(FolderFile file, FileState? lastGood)
    {
        try
        {
            return ReadFile(file, lastGood);
        }
        catch (Exception e)
        {
            return Unreadable(file, lastGood, Path.Combine(_folder, file.Name), "could not be read: " + e.Message);
        }
    }

    /// <summary>The file's entries, or, when it cannot be read or parsed, its last good entries and the problem.</summary>
    private FileState ReadFile(FolderFile file, FileState? lastGood)
    {
        if (file.Text is null)
        {
            return Unreadable(file, lastGood, Path.Combine(_folder, file.Name), file.ReadError!);
        }

        IReadOnlyList<SourceDocument> documents;
        try
        {
            documents = DocumentReader.Read(file.Text, file.Name);
        }
        catch (DocumentFormatException e)
        {
            return Unreadable(file, lastGood, string.Create(CultureInfo.InvariantCulture, $"{Path.Combine(_folder, file.Name)}:{e.Line}"), e.Problem);
        }

        var entries = new List<SnapshotEntry>();
        var problems = new List<string>();
        foreach (var document in documents)
        {
            if (document.Kind is not (Crd.Instrumentation.SchemaKind or "Namespace"))
            {
                SourceLog.DocumentSkipped(_log, document.Describe(), document.Kind ?? "(none)");
                continue;
            }

            var entry = ReadDocument(document);
            foreach (var error in entry.Errors)
            {
                SourceLog.InstrumentationLeftOut(_log, error);
                problems.Add(error);
            }

            foreach (var warning in entry.Warnings)
            {
                SourceLog.InstrumentationWarning(_log, document.Describe() + ": " + warning);
            }

            entries.Add(entry);
        }

        return new FileState(file.Fingerprint, entries, problems);
    }

    private FileState Unreadable(FolderFile file, FileState? lastGood, string location, string problem)
    {
        SourceLog.FileUnreadable(_log, location, problem);
        return new FileState(file.Fingerprint, lastGood?.Entries ?? [], [location + ": " + problem + "; its last good contents stay in use"]);
    }

    private SnapshotEntry ReadDocument(SourceDocument document)
    {
        try
        {
            return _builder.Read(document, DefaultNamespace);
        }
        catch (Exception e)
        {
            // A fault of ours on one document must not stop the folder from being watched.
            return new SnapshotEntry(null, null, [document.Describe() + ": could not be read: " + e.Message], []);
        }
    }

    private void Publish(SnapshotStore store, IReadOnlyList<FolderFile> files, Dictionary<string, FileState> states)
    {
        var entries = new List<SnapshotEntry>();
        var problems = new List<string>();
        var firstFileOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var state = states[file.Name];
            problems.AddRange(state.Problems);
            foreach (var entry in state.Entries)
            {
                if (entry.Instrumentation?.Metadata is { } metadata)
                {
                    var key = metadata.Namespace + "/" + metadata.Name;
                    if (firstFileOf.TryGetValue(key, out var firstFile))
                    {
                        SourceLog.DuplicateInstrumentation(_log, file.Name, metadata.Namespace ?? "", metadata.Name ?? "", firstFile);
                        problems.Add(file.Name + ": Instrumentation " + key + " is also defined in " + firstFile + "; using that one");
                        continue;
                    }

                    firstFileOf[key] = file.Name;
                }

                entries.Add(entry);
            }
        }

        var snapshot = SnapshotBuilder.Build(entries);
        store.Publish(snapshot, SourceProblems.Summarize(problems));
        SourceLog.SnapshotPublished(_log, Name, snapshot.Count, entries.Count(e => e.Namespace is not null));
    }

    /// <summary>A file's fingerprint when last read, what it contributes, and what was wrong with it.</summary>
    private sealed record FileState(string Fingerprint, IReadOnlyList<SnapshotEntry> Entries, IReadOnlyList<string> Problems);
}
