using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Injection.Text;

namespace Webhook.Admission;

/// <summary>The outcome of one pod admission: what injection decided, and whether our own fault made us admit it unchanged.</summary>
public readonly record struct AdmissionMutationResult(MutationResult Mutation, bool FailedOpen, Exception? Fault);

/// <summary>
/// The engine's entry for an AdmissionReview: only pod CREATEs are mutated; a pod that asks for nothing costs one
/// scan of its annotation keys and no allocation; anything the engine fails on is admitted unchanged (fail open).
/// </summary>
public static class AdmissionMutation
{
    private static readonly AdmissionMutationResult s_unchanged = new(MutationResult.Unchanged, false, null);

    /// <summary>Handles one review in a workspace of its own: the result is the caller's to keep.</summary>
    public static AdmissionMutationResult Handle(ReadOnlyMemory<byte> review, in AdmissionRequestView view, InstrumentationSnapshot snapshot, InjectionSettings settings)
        => Handle(review, view, snapshot, settings, workspace: null);

    /// <summary>
    /// Handles one review in <paramref name="workspace"/> (a new one when null and the pod needs one): the result is
    /// valid until the workspace takes the next pod.
    /// </summary>
    public static AdmissionMutationResult Handle(ReadOnlyMemory<byte> review, in AdmissionRequestView view, InstrumentationSnapshot snapshot, InjectionSettings settings,
        InjectionWorkspace? workspace)
    {
        var body = review.Span;
        if (!IsPodCreate(body, view) || view.Object.Equals(default(Range)))
        {
            return s_unchanged;
        }

        var pod = review[view.Object];
        var ns = body[view.Namespace];
        try
        {
            // The pod read in the envelope's pass (AdmissionReader with a workspace), when it is this review's.
            if (workspace?.TakeReadPod(review, view.Object.Start.Value, view.Namespace, snapshot) is { } read)
            {
                return read.Fault is { } fault ? FailedOpen(fault)
                    : read.Asks ? new AdmissionMutationResult(workspace.MutateRead(TextCache.GetUtf8(ns), snapshot, settings, read.Problem), false, null)
                    : s_unchanged;
            }

            if (!InjectionPrecheck.MayAskForInjection(pod.Span, ns, snapshot))
            {
                return s_unchanged;
            }

            return new AdmissionMutationResult((workspace ?? new InjectionWorkspace()).Mutate(pod, TextCache.GetUtf8(ns), snapshot, settings), false, null);
        }
        catch (Exception e)
        {
            return FailedOpen(e);
        }
    }

    /// <summary>Our fault, not the user's: admit the pod unchanged with one warning; the caller logs the uid and counts it.</summary>
    private static AdmissionMutationResult FailedOpen(Exception e)
    {
        var warning = new InjectionWarning(WarningReason.InternalError,
            "otel-webhook: injection failed (" + e.GetType().Name + "); pod admitted unchanged; the webhook log has the details");
        return new AdmissionMutationResult(new MutationResult(null, [warning], []), true, e);
    }

    private static bool IsPodCreate(ReadOnlySpan<byte> body, in AdmissionRequestView view)
        => body[view.Kind].SequenceEqual("Pod"u8) && body[view.Group].IsEmpty && body[view.Version].SequenceEqual("v1"u8)
            && body[view.Operation].SequenceEqual("CREATE"u8) && body[view.SubResource].IsEmpty;
}
