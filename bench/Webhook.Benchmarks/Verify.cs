using System.Text;
using System.Text.Json.Nodes;
using Webhook.Benchmarks.Baseline;
using Webhook.Injection;
using Webhook.Json;

namespace Webhook.Benchmarks;

/// <summary>
/// <c>--verify</c>: for every input, applies our patch and the baseline's to the pod as sent and checks that the two
/// pods come out equal, so the two sides of each benchmark do the same job. Prints patch and response sizes.
/// </summary>
public static class Verify
{
    public static int Run(TextWriter output)
    {
        var failures = 0;
        foreach (var name in Inputs.Cases)
        {
            var input = Inputs.Get(name);
            var ours = PodMutator.Mutate(input.Pod, input.Namespace, Inputs.Snapshot, Inputs.Settings);
            var baseline = BaselineAdmission.Mutate(input.Pod.Span, input.Namespace, Inputs.Snapshot);
            var fromOurs = JsonPatch.Apply(JsonNode.Parse(input.Pod.Span), ours.Patch?.ToArray() ?? "[]"u8.ToArray());
            var fromBaseline = JsonPatch.Apply(JsonNode.Parse(input.Pod.Span), baseline ?? "[]"u8.ToArray());
            var same = JsonNode.DeepEquals(fromOurs, fromBaseline);
            var response = new System.Buffers.ArrayBufferWriter<byte>();
            EndToEndBenchmarks.HandleOurs(input, response);
            output.WriteLine($"{name,-15} review {input.Review.Length,7} B  patch ours {ours.Patch?.Length ?? 0,7} B, baseline {baseline?.Length ?? 0,7} B  response {response.WrittenCount,7} B  warnings {ours.Warnings.Count}  {(same ? "same pod" : "DIFFERENT PODS")}");
            if (!same)
            {
                failures++;
                File.WriteAllText(Path.Combine(Path.GetTempPath(), name + ".ours.json"), fromOurs!.ToJsonString(new() { WriteIndented = true }));
                File.WriteAllText(Path.Combine(Path.GetTempPath(), name + ".baseline.json"), fromBaseline!.ToJsonString(new() { WriteIndented = true }));
                output.WriteLine("  both results written to " + Path.Combine(Path.GetTempPath(), name + ".{ours,baseline}.json"));
            }
        }

        output.WriteLine(failures == 0 ? "verify: every baseline does the same job as ours" : "verify: " + failures + " inputs differ");
        return failures == 0 ? 0 : 1;
    }
}
