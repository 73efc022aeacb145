using System.Text.Json;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;
using Webhook.Injection.Snapshot;

namespace Webhook.Injection;

/// <summary>
/// The storage one pod's injection needs, reused for the next pod: the pod view and its containers, the changes,
/// the fragments of added objects, and the patch. A result from <see cref="Mutate"/> points into it, so it is valid
/// until the workspace takes the next pod. The admission path rents one per request from a per-thread slot
/// (<see cref="Rent"/>/<see cref="Return"/>), so a request allocates nothing here once its thread has served one.
/// </summary>
public sealed class InjectionWorkspace
{
    [ThreadStatic]
    private static InjectionWorkspace? t_spare;

    private readonly PodView _pod = new();
    private readonly InjectionContext _context;
    private readonly Utf8JsonWriter _patchWriter;
    private readonly ReusedBuffer _patch = new();

    public InjectionWorkspace()
    {
        _context = new InjectionContext(_pod, new FragmentBuffer());
        _patchWriter = new Utf8JsonWriter(_patch);
    }

    /// <summary>The pod of the last <see cref="Mutate"/>, as read.</summary>
    public PodView Pod => _pod;

    /// <summary>This thread's spare workspace, or a new one; give it back with <see cref="Return"/> on the same thread.</summary>
    public static InjectionWorkspace Rent()
    {
        var workspace = t_spare ?? new InjectionWorkspace();
        t_spare = null;
        return workspace;
    }

    public static void Return(InjectionWorkspace workspace) => t_spare = workspace;

    public MutationResult Mutate(ReadOnlyMemory<byte> podJson, string ns, InstrumentationSnapshot snapshot, InjectionSettings settings)
    {
        _context.Changes.Fragments.Clear();
        try
        {
            PodReader.Read(podJson, _pod);
        }
        catch (PodFormatException e)
        {
            // The pod's fault, not ours: no patch (one could not apply, or would carry bytes that are not UTF-8).
            _pod.Clear();
            _context.Begin(ns, snapshot, settings);
            _context.Warn(WarningReason.MalformedPod, e.Message + "; pod admitted without injection");
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
        _patchWriter.Reset(_patch);
        PatchWriter.Write(_context.Changes, _patchWriter);
        return _patch.WrittenMemory;
    }
}
