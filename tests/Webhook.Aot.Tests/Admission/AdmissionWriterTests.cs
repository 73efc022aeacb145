using System.Buffers;
using System.Text;
using Webhook.Admission;
using Webhook.Injection;

namespace Webhook.Tests.Admission;

/// <summary>The response envelope, byte for byte, for each shape of answer.</summary>
public sealed class AdmissionWriterTests
{
    [Fact]
    public void WriteMutation_WithPatchAndWarnings_WritesTheFullEnvelope()
    {
        var json = Mutation("abc"u8, Encoding.UTF8.GetBytes("[]"), ["first", "second \"quoted\""]);

        Assert.Equal("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"abc","allowed":true,"patchType":"JSONPatch","patch":"W10=","warnings":["first","second \u0022quoted\u0022"]}}""", json);
    }

    [Fact]
    public void WriteMutation_NoPatchNoWarnings_OmitsPatchTypePatchAndWarnings()
    {
        Assert.Equal("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u-1","allowed":true}}""",
            Mutation("u-1"u8, null, []));
    }

    [Fact]
    public void WriteMutation_EscapedUid_IsEchoedExactlyAsSent()
    {
        Assert.Contains("\"uid\":\"a\\u0041\\\"b\"", Mutation("a\\u0041\\\"b"u8, null, []));
    }

    [Fact]
    public void WriteValidation_Denied_CarriesStatusWithMessage()
    {
        var buffer = new ArrayBufferWriter<byte>();

        AdmissionWriter.WriteValidation(buffer, "v"u8, false, "spec.sampler.argument should be in range [0..1]: 2", ["sampler type not set"]);

        Assert.Equal("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"v","allowed":false,"status":{"code":422,"reason":"Invalid","message":"spec.sampler.argument should be in range [0..1]: 2"},"warnings":["sampler type not set"]}}""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Theory]
    [InlineData("8a4c2f1e-3b5d-4e6f-9a7b-1c2d3e4f5a6b")]
    [InlineData("")]
    [InlineData(" !#$%&'()*+,-./:;<=>?@[]^_`{|}~")]
    [InlineData("a\\u0041\\\"b")]
    [InlineData("caf\u00e9")]
    public void WriteMutation_NoWarnings_WritesWhatTheJsonWriterWrites(string uid)
    {
        var rawUid = Encoding.UTF8.GetBytes(uid);
        // Lengths around each base64 padding, and bytes that encode to '+' and '/'.
        foreach (var length in new[] { 0, 1, 2, 3, 4, 5, 64, 3619, 70_000 })
        {
            var patch = new byte[length];
            for (var i = 0; i < length; i++)
            {
                patch[i] = (byte)(i * 251 + 0xF8);
            }

            var written = new ArrayBufferWriter<byte>();
            AdmissionWriter.WriteMutation(written, rawUid, patch, Array.Empty<InjectionWarning>());

            Assert.Equal(Mutation(rawUid, patch, []), Encoding.UTF8.GetString(written.WrittenSpan));
            Assert.Contains("\"patch\":\"" + Convert.ToBase64String(patch) + "\"}}", Encoding.UTF8.GetString(written.WrittenSpan));
        }

        var withoutPatch = new ArrayBufferWriter<byte>();
        AdmissionWriter.WriteMutation(withoutPatch, rawUid, null, Array.Empty<InjectionWarning>());
        Assert.Equal(Mutation(rawUid, null, []), Encoding.UTF8.GetString(withoutPatch.WrittenSpan));
    }

    [Fact]
    public void WriteMutation_UidWithAControlCharacter_IsRefusedAsBefore()
    {
        // Only a uid JSON writes as it is goes into the answer without the writer's check of the value.
        Assert.ThrowsAny<Exception>(() => AdmissionWriter.WriteMutation(new ArrayBufferWriter<byte>(), "a\nb"u8, null, Array.Empty<InjectionWarning>()));
    }

    private static string Mutation(ReadOnlySpan<byte> uid, ReadOnlyMemory<byte>? patch, string[] warnings)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AdmissionWriter.WriteMutation(buffer, uid, patch, warnings);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
