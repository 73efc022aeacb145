namespace Webhook.Tests.Reliability;

/// <summary>
/// The coverage-guided fuzzer's input format, also used by the regression files: byte 0 picks the context (the
/// example Instrumentation, then every injection case in name order), the rest is the request body. Shared with
/// fuzz/Webhook.Fuzz, which links this file.
/// </summary>
public static class FuzzInput
{
    private static readonly Lazy<FuzzSeed[]> s_contexts = new(() => [FuzzSeed.AdmissionReview("java-pod.review.json"), .. FuzzSeed.InjectionCases()]);

    public static IReadOnlyList<FuzzSeed> Contexts => s_contexts.Value;

    /// <summary>Checks the properties for one input; throws <see cref="AdmissionPropertyException"/> when one breaks.</summary>
    public static AdmissionTrial Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return default;
        }

        var context = Contexts[input[0] % Contexts.Count];
        return AdmissionProperties.Check(input[1..].ToArray(), context.Snapshot, context.Settings);
    }
}
