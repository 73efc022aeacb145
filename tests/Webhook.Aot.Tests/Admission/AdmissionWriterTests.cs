using System.Buffers;
using System.Text;
using Webhook.Admission;

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

    private static string Mutation(ReadOnlySpan<byte> uid, ReadOnlyMemory<byte>? patch, string[] warnings)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AdmissionWriter.WriteMutation(buffer, uid, patch, warnings);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
