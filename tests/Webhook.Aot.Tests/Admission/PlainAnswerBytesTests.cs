using System.Buffers;
using System.Text;
using System.Text.Json;
using Webhook.Admission;
using Webhook.Injection;

namespace Webhook.Tests.Admission;

/// <summary>
/// The admission endpoint's answer without warnings is copied as bytes; the form taking warnings as strings still goes
/// through the JSON writer, and both must give the same bytes: for every uid the fast copy takes (each printable ASCII
/// character, JSON's escape-prone ones among them, the empty uid, uids past the stack and the large-answer sizes), for
/// patches absent, empty and of every base64 padding, and for answers over the large-answer size held outside the GC heap.
/// </summary>
public sealed class PlainAnswerBytesTests
{
    private static readonly IReadOnlyList<InjectionWarning> s_noWarnings = [];

    public static TheoryData<string> Uids()
    {
        var data = new TheoryData<string>
        {
            "",
            "705ab4f5-6393-11e8-b7cc-42010a800002",
            "<script>&'+`</script>",
            " leading and trailing spaces ",
            "{}[]:,",
            new string('u', 254),
            new string('u', 255),
            new string('u', 4096),
            // Escapes as the request sent them: not the fast copy's, echoed as sent by the writer.
            "a\\\"b",
            "\\u003c\\u0026",
        };
        for (var c = ' '; c <= '~'; c++)
        {
            if (c is not '"' and not '\\')
            {
                data.Add("x" + c + "y");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Uids))]
    public void WriteMutation_NoWarnings_WritesTheWritersBytesForEveryUidAndPatchSize(string uid)
    {
        var rawUid = Encoding.UTF8.GetBytes(uid);
        foreach (var patch in Patches())
        {
            var expected = ThroughWriter(rawUid, patch);

            var buffer = new ArrayBufferWriter<byte>();
            AdmissionWriter.WriteMutation(buffer, rawUid, patch, s_noWarnings);

            Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    [Theory]
    [InlineData("<&'+`>")]
    [InlineData("")]
    public void WriteMutation_UidJsonWouldEscape_IsEchoedAsSentNotEscaped(string uid)
    {
        var buffer = new ArrayBufferWriter<byte>();

        AdmissionWriter.WriteMutation(buffer, Encoding.UTF8.GetBytes(uid), "[]"u8.ToArray(), s_noWarnings);

        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Contains("\"uid\":\"" + uid + "\"", text, StringComparison.Ordinal);
        using var review = JsonDocument.Parse(text);
        Assert.Equal(uid, review.RootElement.GetProperty("response").GetProperty("uid").GetString());
        Assert.True(review.RootElement.GetProperty("response").GetProperty("allowed").GetBoolean());
    }

    [Theory]
    [InlineData(16, 100_000)]
    [InlineData(70_000, 16)]
    [InlineData(70_000, 100_000)]
    [InlineData(16, 49_100)]
    public void WriteMutationOrHold_AnswerOverTheLargeAnswerSize_HoldsTheWritersBytes(int uidLength, int patchLength)
    {
        var rawUid = Encoding.ASCII.GetBytes(new string('u', uidLength - 1) + "<");
        var patch = PatchOf(patchLength);
        var expected = ThroughWriter(rawUid, patch);

        var buffer = new ArrayBufferWriter<byte>();
        using var held = AdmissionWriter.WriteMutationOrHold(buffer, rawUid, patch, s_noWarnings);

        Assert.NotNull(held);
        Assert.Equal(0, buffer.WrittenCount);
        Assert.Equal(expected, Encoding.UTF8.GetString(held.WrittenMemory.Span));
    }

    /// <summary>The writer's bytes: the form taking the warnings as strings never takes the fast copy.</summary>
    private static string ThroughWriter(byte[] rawUid, ReadOnlyMemory<byte>? patch)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AdmissionWriter.WriteMutation(buffer, rawUid, patch, (IEnumerable<string>)[]);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static IEnumerable<ReadOnlyMemory<byte>?> Patches()
    {
        yield return null;
        yield return ReadOnlyMemory<byte>.Empty;
        for (var length = 1; length <= 4; length++)
        {
            yield return PatchOf(length);
        }

        yield return PatchOf(3000);
    }

    /// <summary>Bytes of every value, so base64 uses all its letters, '+' and '/' among them.</summary>
    private static byte[] PatchOf(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 7 + 3);
        }

        return bytes;
    }
}
