using System.Text.Json;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Snapshot;
using Webhook.Injection.Text;
using Webhook.Memory;

namespace Webhook.Injection;

/// <summary>
/// The storage one pod's injection needs, reused for the next pod: the pod view and its containers, the changes,
/// the fragments of added objects, and the patch. A result from <see cref="Mutate"/> points into it, so it is valid
/// until the workspace takes the next pod. The admission path rents one per request from a per-thread slot
/// (<see cref="Rent"/>/<see cref="Return"/>), so a request allocates nothing here once its thread has served one.
/// A thread's workspace only ever serves reviews up to <see cref="BurstReviewBytes"/>, and forgets each pod when given
/// back, so what it keeps is what such a pod grew within <see cref="ReusedList"/>'s bounds, the same on every thread.
/// A review over <see cref="BurstReviewBytes"/> gets a burst workspace instead, which keeps everything it grows and
/// goes back to a process-wide pool, so the next large pod finds its lists, container views and buffers warm; the
/// pool lets go of them once large pods stop coming (<see cref="BurstPool{T}"/>). A review over
/// <see cref="MaxBurstReviewBytes"/> gets a workspace of its own, dropped when given back.
/// </summary>
public sealed class InjectionWorkspace
{
    /// <summary>64 KiB: a typical pod review is about 5 KB; past this, a pod may grow lists past what a thread keeps.</summary>
    public const int BurstReviewBytes = ReusedList.KeptBytes;

    /// <summary>
    /// 1 MiB: larger reviews are answered two at a time and trimmed after (Admission's LargeReviews); what injection
    /// made of them is not kept, so the pool holds at most <see cref="MaxBurstWorkspaces"/> workspaces of pods up to this size.
    /// </summary>
    public const int MaxBurstReviewBytes = 1024 * 1024;

    /// <summary>Two, one per core: as many large pods as are worked on at once.</summary>
    public const int MaxBurstWorkspaces = 2;

    [ThreadStatic]
    private static InjectionWorkspace? t_spare;

    /// <summary>Let go a second after the last large pod, and the memory given back then (as after large reviews).</summary>
    private static readonly BurstPool<InjectionWorkspace> s_burst = new(MaxBurstWorkspaces, TimeSpan.FromSeconds(1), MemoryTrim.GiveBack,
        workspace => workspace.LetGoOfBuffers());

    /// <summary>Whether this is a burst workspace: it keeps everything it grows (<see cref="ReusedList.KeepAll"/>).</summary>
    private readonly bool _keepsAll;

    /// <summary>A burst workspace's own texts (the thread's cache holds a few thousand): null in a thread's workspace.</summary>
    private readonly TextSet? _texts;

    private readonly PodView _pod = new();
    private readonly InjectionContext _context;
    private readonly Utf8JsonWriter _patchWriter;
    private readonly ReusedBuffer _patch = new();
    private PodReadInPass? _readPod;

    /// <summary>Whether this workspace serves a review over <see cref="MaxBurstReviewBytes"/>: nobody keeps it.</summary>
    private bool _oneOff;

    public InjectionWorkspace()
        : this(keepsAll: false)
    {
    }

    private InjectionWorkspace(bool keepsAll)
    {
        _keepsAll = keepsAll;
        _texts = keepsAll ? TextSet.ForBurst() : null;
        _context = new InjectionContext(_pod, new FragmentBuffer());
        _patchWriter = new Utf8JsonWriter(_patch);
    }

    /// <summary>The pod of the last <see cref="Mutate"/>, as read.</summary>
    public PodView Pod => _pod;

    /// <summary>
    /// A workspace for a review of <paramref name="reviewBytes"/>: this thread's spare one, or a new one; a burst
    /// workspace, kept or new, for one over <see cref="BurstReviewBytes"/> up to <see cref="MaxBurstReviewBytes"/>;
    /// a new one that is not kept for a larger one. Give it back with <see cref="Return"/> on the same thread.
    /// </summary>
    public static InjectionWorkspace Rent(int reviewBytes = 0)
    {
        if (reviewBytes > BurstReviewBytes)
        {
            return reviewBytes <= MaxBurstReviewBytes
                ? s_burst.TryTake() ?? new InjectionWorkspace(keepsAll: true)
                : new InjectionWorkspace { _oneOff = true };
        }

        var workspace = t_spare ?? new InjectionWorkspace();
        t_spare = null;
        return workspace;
    }

    /// <summary>
    /// Takes back a workspace from <see cref="Rent"/> once its result is used: it forgets the pod (the views, the
    /// review they point into) and goes back to the burst pool or the thread; one that served a review over
    /// <see cref="MaxBurstReviewBytes"/> is left to the GC, its large buffers held weakly for the next large pod.
    /// </summary>
    public static void Return(InjectionWorkspace workspace)
    {
        if (workspace._oneOff)
        {
            workspace.LetGoOfBuffers();
            return;
        }

        workspace.ForgetPod();
        if (workspace._keepsAll)
        {
            s_burst.Keep(workspace);
        }
        else
        {
            t_spare = workspace;
        }
    }

    /// <summary>
    /// Empties the pod view and the buffers by the workspace's own rules (a thread's keeps storage up to
    /// <see cref="ReusedList.KeptBytes"/> per list; a burst workspace keeps all of it), so that between pods it holds
    /// no pod: what it keeps then is storage, not the last pod's containers, texts or review.
    /// </summary>
    private void ForgetPod()
    {
        var kept = ReusedList.KeepAll(_keepsAll);
        try
        {
            _pod.Clear();
            _context.Changes.Fragments.Clear();
            _patch.Clear();
            _readPod = null;
        }
        finally
        {
            ReusedList.KeepAll(kept);
        }
    }

    /// <summary>
    /// The workspace is being dropped: its patch and fragment buffers, when a large pod grew them, go to the weakly held
    /// spares (<see cref="LargeArraySpares"/>) for the next large pod, in whatever workspace it is worked on.
    /// </summary>
    private void LetGoOfBuffers()
    {
        _patch.LetGo();
        _context.Changes.Fragments.LetGo();
    }

    /// <summary>Lets go of the burst workspaces kept for the next large pod (done anyway once none came for a second).</summary>
    public static void DropBurstWorkspaces() => s_burst.Drop();

    public MutationResult Mutate(ReadOnlyMemory<byte> podJson, string ns, InstrumentationSnapshot snapshot, InjectionSettings settings)
    {
        string? problem = null;
        var kept = ReusedList.KeepAll(_keepsAll);
        var texts = TextCache.Use(_texts);
        try
        {
            PodReader.Read(podJson, _pod);
        }
        catch (PodFormatException e)
        {
            problem = e.Message;
        }
        finally
        {
            ReusedList.KeepAll(kept);
            TextCache.Use(texts);
        }

        return MutateRead(ns, snapshot, settings, problem);
    }

    /// <summary>
    /// The envelope reader's step for <c>request.object</c>, the reader standing at the pod's start: asks the
    /// precheck's question in the envelope's own pass and, when the pod may ask for injection, reads it into
    /// <see cref="Pod"/> there, so the pod's bytes are tokenized once. Leaves the reader at the pod's end; only
    /// JSON that is not valid goes through (the envelope's to report); the rest is kept for <see cref="TakeReadPod"/>.
    /// </summary>
    public void ReadInPass(ref JsonScanner reader, ReadOnlyMemory<byte> review, Range ns, InstrumentationSnapshot snapshot)
    {
        var start = (int)reader.TokenStartIndex;
        var depth = reader.CurrentDepth;
        // A copy of the reader reads ahead; when the pod asks for nothing, the copy has passed it, and the envelope goes on from there.
        var probe = reader;
        var asks = InjectionPrecheck.MayAskForInjection(ref probe, review.Span[ns], snapshot);
        string? problem = null;
        Exception? fault = null;
        if (!asks)
        {
            reader = probe;
        }
        else
        {
            var kept = ReusedList.KeepAll(_keepsAll);
            var texts = TextCache.Use(_texts);
            try
            {
                PodReader.ReadInPlace(ref reader, review, _pod);
            }
            catch (Exception e) when (e is not JsonException)
            {
                // PodFormatException: the pod's fault, said as a warning; anything else is ours (fail open). The
                // envelope reads on to the pod's end either way.
                problem = (e as PodFormatException)?.Message;
                fault = e is PodFormatException ? null : e;
                SkipToEnd(ref reader, depth);
            }
            finally
            {
                ReusedList.KeepAll(kept);
                TextCache.Use(texts);
            }
        }

        _readPod = new PodReadInPass(review, start, ns, snapshot, asks, problem, fault);
    }

    /// <summary>Reads on to the end of the object that started at <paramref name="depth"/>.</summary>
    private static void SkipToEnd(ref JsonScanner reader, int depth)
    {
        while (!(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth) && reader.Read())
        {
        }
    }

    /// <summary>Forgets a pod read in an earlier envelope's pass; the envelope reader calls it before reading another.</summary>
    public void ForgetReadPod() => _readPod = null;

    /// <summary>
    /// What <see cref="ReadInPass"/> found, when it read this review's <paramref name="podStart"/> with the namespace
    /// and snapshot the admission now uses (a repeated key may have replaced either after the pod); taken once.
    /// </summary>
    public PodReadInPass? TakeReadPod(ReadOnlyMemory<byte> review, int podStart, Range ns, InstrumentationSnapshot snapshot)
    {
        var read = _readPod;
        _readPod = null;
        return read is { } pod && pod.Review.Equals(review) && pod.Start == podStart && pod.Namespace.Equals(ns) && ReferenceEquals(pod.Snapshot, snapshot)
            ? pod : null;
    }

    /// <summary>Injection into the pod <see cref="Pod"/> holds (read as a whole); <paramref name="problem"/>, when set, says why it could not be read.</summary>
    public MutationResult MutateRead(string ns, InstrumentationSnapshot snapshot, InjectionSettings settings, string? problem)
    {
        var kept = ReusedList.KeepAll(_keepsAll);
        var texts = TextCache.Use(_texts);
        try
        {
            return Decide(ns, snapshot, settings, problem);
        }
        finally
        {
            ReusedList.KeepAll(kept);
            TextCache.Use(texts);
        }
    }

    private MutationResult Decide(string ns, InstrumentationSnapshot snapshot, InjectionSettings settings, string? problem)
    {
        _context.Changes.Fragments.Clear();
        if (problem is not null)
        {
            // The pod's fault, not ours: no patch (one could not apply, or would carry bytes that are not UTF-8).
            _pod.Clear();
            _context.Begin(ns, snapshot, settings);
            _context.Warn(WarningReason.MalformedPod, problem + "; pod admitted without injection");
            return new MutationResult(null, _context.Warnings, _context.Decisions);
        }

        _context.Begin(ns, snapshot, settings);
        // Not "changed ? patch : null": null would become an empty memory, not a missing patch.
        ReadOnlyMemory<byte>? patch = null;
        if (PodMutator.Decide(_context))
        {
            patch = WritePatch();
        }

        return new MutationResult(patch, _context.Warnings, _context.Decisions);
    }

    private ReadOnlyMemory<byte> WritePatch()
    {
        _patch.Clear();
        _patch.EnsureCapacity(PatchWriter.EstimateLength(_context.Changes));
        _patchWriter.Reset(_patch);
        PatchWriter.Write(_context.Changes, _patchWriter);
        return _patch.WrittenMemory;
    }
}
