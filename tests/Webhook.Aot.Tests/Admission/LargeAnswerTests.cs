using System.Text;
using System.Text.Json;
using Webhook.Admission;
using Webhook.Injection;
using Webhook.Observability;
using Webhook.Sources;
using Webhook.Tests.Sources;
using static Webhook.Tests.Injection.Bounded.LargePods;

namespace Webhook.Tests.Admission;

/// <summary>
/// An answer of megabytes (the patch of a pod of thousands of containers, a uid of megabytes echoed) reaches the
/// response in pieces: written whole, it asked the response's pipe for one span of its size, which the server's
/// pipe rents from the shared array pool and leaves there once sent. The largest write the response's stream sees
/// is the largest span the endpoint asked the pipe for.
/// </summary>
public sealed class LargeAnswerTests
{
    private static readonly WebhookMetrics s_metrics = new(() => null, () => 0, () => 0);

    [Fact]
    public void Mutate_UidOfTwoMebibytes_IsEchoedWholeInPiecesOfAtMostTheLargeAnswerSize()
    {
        var uid = new string('u', 2 << 20);

        var (answer, largestWrite) = Serve(Review(Pod([(Prefix + "inject-java", "true")]), uid: uid));

        using var review = JsonDocument.Parse(answer);
        Assert.Equal(uid, review.RootElement.GetProperty("response").GetProperty("uid").GetString());
        Assert.True(review.RootElement.GetProperty("response").TryGetProperty("patch", out _));
        Assert.True(largestWrite <= AdmissionWriter.LargeAnswerBytes, $"the answer reached the response in a write of {largestWrite:N0} B, over {AdmissionWriter.LargeAnswerBytes:N0} B");
    }

    [Fact]
    public void Mutate_PodOfFiveThousandContainers_PatchArrivesWholeInPiecesOfAtMostTheLargeAnswerSize()
    {
        var pod = Pod([(Prefix + "inject-java", "true"), (Prefix + "container-names", Names(5_000))], containers: 5_000);

        var (answer, largestWrite) = Serve(Review(pod));

        using var review = JsonDocument.Parse(answer);
        var patch = JsonDocument.Parse(review.RootElement.GetProperty("response").GetProperty("patch").GetBytesFromBase64());
        Assert.Contains(patch.RootElement.EnumerateArray(), op => op.GetProperty("path").GetString() == "/spec/containers/4999/env");
        Assert.True(answer.Length > 1 << 20, $"the answer is {answer.Length:N0} B: too small to say anything about pieces");
        Assert.True(largestWrite <= AdmissionWriter.LargeAnswerBytes, $"the answer reached the response in a write of {largestWrite:N0} B, over {AdmissionWriter.LargeAnswerBytes:N0} B");
    }

    private static (byte[] Answer, int LargestWrite) Serve(byte[] body)
    {
        var store = new SnapshotStore();
        store.Publish(Snapshot());
        var endpoint = new MutateEndpoint(store, InjectionSettings.Defaults, s_metrics, new RecordingLogger<MutateEndpoint>());
        var (context, _) = Support.ReviewPost.Create(body);
        var answer = new RecordingStream();
        context.Response.Body = answer;
        endpoint.HandleAsync(context).GetAwaiter().GetResult();
        context.Response.CompleteAsync().GetAwaiter().GetResult();
        Assert.Equal(200, context.Response.StatusCode);
        return (answer.ToArray(), answer.LargestWrite);
    }

    /// <summary>A response body that remembers its largest single write.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public int LargestWrite { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            LargestWrite = Math.Max(LargestWrite, count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            LargestWrite = Math.Max(LargestWrite, count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
