using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Webhook.Admission;
using Webhook.Hosting;

namespace Webhook.Tests.Admission;

/// <summary>
/// The body buffer holds what arrived, never what the client declared, and every byte it takes from the shared
/// budget goes back: on completion, on refusal and when the read fails.
/// </summary>
public sealed class RequestBodyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_body_declaring_7_MiB_that_sent_a_few_bytes_holds_only_what_arrived_and_gives_it_back_when_the_client_goes()
    {
        var budget = new BodyBudget(BodyBudget.SharedCapBytes);
        var (request, pipe) = Request(declared: ServeOptions.MaxRequestBytes);
        await pipe.Writer.WriteAsync(new byte[300]);

        var read = RequestBody.ReadAsync(request, ServeOptions.MaxRequestBytes, budget).AsTask();
        await WaitUntil(() => budget.InUseBytes > 0);
        Assert.False(read.IsCompleted);
        Assert.InRange(budget.InUseBytes, 300, RequestBody.InitialBytes);

        pipe.Writer.Complete(new IOException("connection reset by the client"));
        await Assert.ThrowsAsync<IOException>(() => read);
        Assert.Equal(0, budget.InUseBytes);
    }

    [Fact]
    public async Task The_budget_refuses_a_body_that_does_not_fit_beside_those_in_flight_and_takes_it_once_they_are_done()
    {
        // Growing a buffer holds the old one and the new one for a moment: the cap leaves room for that.
        var budget = new BodyBudget(400 * 1024);
        var (slowRequest, slowPipe) = Request(declared: 200 * 1024);
        await slowPipe.Writer.WriteAsync(new byte[150 * 1024]);
        var slow = RequestBody.ReadAsync(slowRequest, ServeOptions.MaxRequestBytes, budget);
        await WaitUntil(() => budget.InUseBytes == 200 * 1024); // grown to what it declared once past 128 KiB

        var (refused, refusal) = await ReadWhole(budget, 250 * 1024);
        Assert.Null(refused);
        Assert.Equal(AdmissionOutcome.Overloaded, refusal);
        Assert.Equal(200 * 1024, budget.InUseBytes);

        await slowPipe.Writer.WriteAsync(new byte[50 * 1024]);
        await slowPipe.Writer.CompleteAsync();
        var (slowBody, _) = await slow;
        Assert.Equal(200 * 1024, slowBody!.Length);
        slowBody.Dispose();
        Assert.Equal(0, budget.InUseBytes);

        var (accepted, _) = await ReadWhole(budget, 250 * 1024);
        Assert.Equal(250 * 1024, accepted!.Length);
        accepted.Dispose();

        // Bodies one after the other, each needing more than half of the cap while it grows: any that kept its share
        // would make the next one fail.
        for (var i = 0; i < 10; i++)
        {
            var (body, outcome) = await ReadWhole(budget, 150 * 1024);
            Assert.True(body is not null, "body " + i + " was refused with " + outcome);
            Assert.Equal(150 * 1024, body.Length);
            body.Dispose();
            Assert.Equal(0, budget.InUseBytes);
        }
    }

    [Fact]
    public async Task A_body_over_the_cap_is_refused_as_too_large_and_gives_back_what_it_took()
    {
        var budget = new BodyBudget(BodyBudget.SharedCapBytes);
        var (request, pipe) = Request(declared: null);
        await pipe.Writer.WriteAsync(new byte[300 * 1024]);
        await pipe.Writer.CompleteAsync();

        var (body, refusal) = await RequestBody.ReadAsync(request, 256 * 1024, budget);

        Assert.Null(body);
        Assert.Equal(AdmissionOutcome.TooLarge, refusal);
        Assert.Equal(0, budget.InUseBytes);
    }

    [Fact]
    public async Task The_bytes_of_the_body_come_out_as_they_went_in_across_growths()
    {
        var budget = new BodyBudget(BodyBudget.SharedCapBytes);
        var sent = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(sent);
        var (request, pipe) = Request(declared: sent.Length);
        var read = RequestBody.ReadAsync(request, ServeOptions.MaxRequestBytes, budget);
        for (var offset = 0; offset < sent.Length; offset += 100_000)
        {
            await pipe.Writer.WriteAsync(sent.AsMemory(offset, Math.Min(100_000, sent.Length - offset)));
        }

        await pipe.Writer.CompleteAsync();
        var (body, _) = await read;

        Assert.Equal(sent, body!.Memory.ToArray());
        Assert.Equal(WholePages(sent.Length), budget.InUseBytes); // grown to what was declared (in whole pages), not past it
        body.Dispose();
        Assert.Equal(0, budget.InUseBytes);
    }

    /// <summary>
    /// The API server sends a review in one go, so its body has usually arrived whole when the endpoint starts: reading
    /// it then costs the body object alone, not a task or the state of an asynchronous read, each larger than the bound.
    /// </summary>
    [Fact]
    public async Task A_body_that_has_arrived_whole_is_read_without_waiting_and_allocates_only_the_body()
    {
        var budget = new BodyBudget(BodyBudget.SharedCapBytes);
        var sent = new byte[4_756];
        var fewest = long.MaxValue;
        for (var round = 0; round < 50; round++)
        {
            var request = Arrived(sent);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var read = RequestBody.ReadAsync(request, ServeOptions.MaxRequestBytes, budget);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(read.IsCompletedSuccessfully, "the read waited for a body that had arrived whole");
            var (body, _) = await read;
            Assert.Equal(sent.Length, body!.Length);
            body.Dispose();
            fewest = Math.Min(fewest, allocated);
        }

        Assert.Equal(0, budget.InUseBytes);
        Assert.InRange(fewest, 1, MaxBytesOfTheBodyObject);
    }

    /// <summary>A <see cref="RequestBody"/>: the object header and its four fields, rounded up.</summary>
    private const long MaxBytesOfTheBodyObject = 48;

    /// <summary>
    /// A large body lives outside the GC heap: reading 7 MiB that arrived whole allocates a few objects, not the
    /// megabytes of a managed buffer and of each smaller one it outgrew, which stayed on the heap as garbage until a
    /// full collection came, or alive as long as anything held a slice of them.
    /// </summary>
    [Fact]
    public async Task A_large_body_is_held_outside_the_GC_heap()
    {
        var budget = new BodyBudget(BodyBudget.SharedCapBytes);
        var sent = new byte[RequestBody.MaxBytes];
        new Random(3).NextBytes(sent);
        var fewest = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            // The first round may fill the shared pool with the small buffers a body starts in.
            var request = Arrived(sent);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var read = RequestBody.ReadAsync(request, RequestBody.MaxBytes, budget);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            var (body, _) = await read;

            Assert.True(body!.IsNative);
            Assert.True(sent.AsSpan().SequenceEqual(body.Memory.Span), "the body's bytes differ from those sent");
            Assert.Equal(WholePages(sent.Length), budget.InUseBytes);
            body.Dispose();
            Assert.Equal(0, budget.InUseBytes);
        }

        // A few objects and the pipe's bookkeeping; the managed buffers came to 15,601,952 B.
        Assert.InRange(fewest, 1, 64 * 1024);
    }

    /// <summary>
    /// A large body's buffer grows in place, so the budget holds it with room for its own size alone: a 7 MiB body
    /// fits a budget of 7 MiB, where doubling a managed buffer needed the 4 MiB buffer and the 7 MiB one at once and
    /// was refused with 503.
    /// </summary>
    [Fact]
    public async Task A_body_that_grows_is_charged_its_size_never_its_old_and_new_buffers_together()
    {
        var size = RequestBody.MaxBytes;
        var budget = new BodyBudget(WholePages(size));

        var (body, refusal) = await ReadWhole(budget, size);

        Assert.True(body is not null, "the body was refused with " + refusal);
        Assert.Equal(size, body.Length);
        body.Dispose();
        Assert.Equal(0, budget.InUseBytes);
    }

    /// <summary>
    /// Whatever still holds a slice of a large body after its request (a workspace's stale view of the last pod) can
    /// neither keep its megabytes alive nor read them once freed: the slice throws.
    /// </summary>
    [Fact]
    public async Task A_slice_of_a_large_body_read_after_the_request_throws_instead_of_keeping_the_body()
    {
        var budget = new BodyBudget(BodyBudget.SharedCapBytes);
        var (body, _) = await ReadWhole(budget, 2 * 1024 * 1024);
        var slice = body!.Memory[100..200];
        Assert.Equal(100, slice.Span.Length);

        body.Dispose();

        Assert.Throws<ObjectDisposedException>(() => slice.Span.Length);
        Assert.Equal(0, budget.InUseBytes);
    }

    [Fact]
    public async Task A_typical_body_stays_in_a_pooled_buffer()
    {
        var budget = new BodyBudget(BodyBudget.SharedCapBytes);
        var (body, _) = await ReadWhole(budget, 5_000);

        Assert.False(body!.IsNative);
        Assert.Equal(5_000, body.Length);
        body.Dispose();
        Assert.Equal(0, budget.InUseBytes);
    }

    private static long WholePages(int bytes) => (bytes + Environment.SystemPageSize - 1L) / Environment.SystemPageSize * Environment.SystemPageSize;

    [Fact]
    public void A_refusal_for_the_budget_is_HTTP_503_so_the_API_server_applies_the_failure_policy()
    {
        Assert.Equal(503, AdmissionOutcomes.HttpStatus(AdmissionOutcome.Overloaded));
        Assert.Equal("overloaded", AdmissionOutcomes.MetricLabel(AdmissionOutcome.Overloaded));
    }

    private static async Task<(RequestBody? Body, AdmissionOutcome Refusal)> ReadWhole(BodyBudget budget, int size)
    {
        var (request, pipe) = Request(declared: size);
        await pipe.Writer.WriteAsync(new byte[size]);
        await pipe.Writer.CompleteAsync();
        return await RequestBody.ReadAsync(request, ServeOptions.MaxRequestBytes, budget);
    }

    private static (HttpRequest Request, Pipe Pipe) Request(long? declared)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var context = new DefaultHttpContext();
        context.Request.ContentLength = declared;
        context.Request.Body = pipe.Reader.AsStream();
        return (context.Request, pipe);
    }

    /// <summary>A request whose body has been received and ended, as Kestrel has it once the client sent the last byte.</summary>
    private static HttpRequest Arrived(byte[] body)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        pipe.Writer.Write(body);
        pipe.Writer.Complete();
        var context = new DefaultHttpContext();
        context.Request.ContentLength = body.Length;
        context.Features.Set<IRequestBodyPipeFeature>(new ReceivedBody(pipe.Reader));
        return context.Request;
    }

    private sealed class ReceivedBody(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader => reader;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within " + Patience);
            await Task.Delay(10);
        }
    }
}
