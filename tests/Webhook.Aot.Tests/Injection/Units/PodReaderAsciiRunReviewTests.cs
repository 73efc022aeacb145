using System.Text;
using System.Text.Json;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;

namespace Webhook.Tests.Injection.Units;

/// <summary>
/// The reader skips the UTF-8 check for bytes inside a run of ASCII it found ahead in blocks: bytes that are not
/// UTF-8, placed at every offset around those blocks (after an ASCII-only container, in every field the check
/// covers), are still refused naming their field, and valid non-ASCII text reads back as System.Text.Json reads it.
/// </summary>
public sealed class PodReaderAsciiRunReviewTests
{
    /// <summary>Not UTF-8: a lone continuation byte, overlongs, a surrogate, truncated sequences, bytes never in UTF-8.</summary>
    public static TheoryData<string> NotUtf8 => new()
    {
        "80", "BF", "C0 80", "C1 BF", "E0 80 80", "ED A0 80", "ED BF BF", "F0 80 80 80", "F4 90 80 80",
        "C3", "E2 82", "F0 9F 98", "F5", "F8 88 80 80 80", "FE", "FF",
    };

    /// <summary>Where the marker <c>@</c> stands: the field it makes invalid, and the start of the error naming it.</summary>
    private static readonly (string Field, string Error)[] Places =
    [
        ("""{"name":"app2","env":[{"name":"X@","value":"v"}]}""", "spec.containers[1].env[0]"),
        ("""{"name":"app2","env":[{"name":"X","value":"v@"}]}""", "spec.containers[1].env[0]"),
        ("""{"name":"app2","env":[{"name":"X","value":"v"},{"value":"v@","name":"Y"}]}""", "spec.containers[1].env[1]"),
        ("""{"name":"app2","env":[{"name":"X","valueFrom":{"fieldRef":{"fieldPath":"metadata.@"}}}]}""", "spec.containers[1].env[0]"),
        ("""{"name":"app2","env":[{"name":"X","value":"v","other":["@"]}]}""", "spec.containers[1].env[0]"),
        ("""{"name":"app2","volumeMounts":[{"name":"m@","mountPath":"/a"}]}""", "spec.containers[1].volumeMounts[0]"),
        ("""{"name":"app2","volumeMounts":[{"name":"m","mountPath":"/a@"}]}""", "spec.containers[1].volumeMounts[0]"),
        ("""{"name":"app2","volumeMounts":[{"name":"m","mountPath":"/a","subPath":"@"}]}""", "spec.containers[1].volumeMounts[0]"),
        ("""{"name":"app2","volumeMounts":[{"name":"m","mountPath":"/a"},{"name":"n","mountPath":"/b","readOnly":true,"x":"@"}]}""", "spec.containers[1].volumeMounts[1]"),
        ("""{"name":"app2","securityContext":{"runAsUser":1,"seLinuxOptions":{"user":"@"}}}""", "spec.containers[1].securityContext"),
        ("""{"name":"app2","envFrom":[{"prefix":"P_","configMapRef":{"name":"@"}}]}""", "spec.containers[1].envFrom"),
    ];

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public void Read_NotUtf8AtEveryOffsetAfterAnAsciiContainer_RefusedNamingTheField(string hex)
    {
        var bad = Convert.FromHexString(hex.Replace(" ", ""));
        var pod = new PodView();
        foreach (var (field, error) in Places)
        {
            // Padding the first container's one entry moves the bad bytes over every offset of two 512-byte blocks.
            for (var pad = 0; pad <= 1100; pad++)
            {
                var json = Bytes(Pod(AsciiContainer(pad), field), bad);

                var thrown = Assert.Throws<PodFormatException>(() => PodReader.Read(json, pod));

                Assert.True(thrown.Message.StartsWith(error + ": holds text that is not valid UTF-8", StringComparison.Ordinal),
                    "pad " + pad + ", " + field + ": " + thrown.Message);

                // The same field in the first init container, read after the containers' list of ASCII.
                var init = Bytes("""{"spec":{"containers":[""" + AsciiContainer(pad) + """],"initContainers":[""" + field + "]}}", bad);
                thrown = Assert.Throws<PodFormatException>(() => PodReader.Read(init, pod));
                var initError = error.Replace("spec.containers[1]", "spec.initContainers[0]");
                Assert.True(thrown.Message.StartsWith(initError + ": holds text that is not valid UTF-8", StringComparison.Ordinal),
                    "init, pad " + pad + ", " + field + ": " + thrown.Message);
            }
        }
    }

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public void Read_NotUtf8InTheFirstContainerAtEveryOffset_RefusedNamingTheEntry(string hex)
    {
        var bad = Convert.FromHexString(hex.Replace(" ", ""));
        for (var pad = 0; pad <= 1100; pad++)
        {
            var entries = PadEntry(pad) + """,{"name":"A","value":"1"},{"name":"BAD","value":"x@y"}""";
            var json = Bytes("""{"spec":{"containers":[{"name":"app","env":[""" + entries + "]}]}}", bad);

            var thrown = Assert.Throws<PodFormatException>(() => PodReader.Read(json));

            Assert.True(thrown.Message.StartsWith("spec.containers[0].env[2]: holds text that is not valid UTF-8", StringComparison.Ordinal),
                "pad " + pad + ": " + thrown.Message);
        }
    }

    [Fact]
    public void Read_NotUtf8InASecondPodReadIntoTheSameView_RefusedLikeInAFreshView()
    {
        var pod = new PodView();
        var bad = new byte[] { 0xC0, 0x80 };
        for (var pad = 0; pad <= 1100; pad += 7)
        {
            // The first pod's run of ASCII reaches far; the second pod is short, bad right at its start.
            PodReader.Read(Encoding.UTF8.GetBytes(Pod(AsciiContainer(2000), """{"name":"b","env":[{"name":"OK","value":"1"}]}""")), pod);
            var second = Bytes("""{"spec":{"containers":[{"name":"a","env":[""" + PadEntry(pad) + """,{"name":"@","value":"1"}]}]}}""", bad);

            var thrown = Assert.Throws<PodFormatException>(() => PodReader.Read(second, pod));

            Assert.StartsWith("spec.containers[0].env[1]: holds text that is not valid UTF-8", thrown.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_ValidNonAsciiAtEveryOffset_ReadsBackAsSystemTextJsonReadsIt()
    {
        var pod = new PodView();
        string[] texts = ["é", "ÉTÉ_ü", "😀", "日本", "aé", "\u0080", "\u07FF", "\uFFFD"];
        foreach (var text in texts)
        {
            for (var pad = 0; pad <= 1100; pad += 3)
            {
                var second = """{"name":"app2","env":[{"name":"A","value":"1"},{"name":"@","value":"v@"},{"value":"@","name":"N@"},{"name":"F@","valueFrom":{"x":"@"}}],"volumeMounts":[{"name":"m@","mountPath":"/@"}],"securityContext":{"u":"@"},"envFrom":[{"prefix":"@"}]}""";
                var json = Encoding.UTF8.GetBytes(Pod(AsciiContainer(pad), second.Replace("@", text)));

                PodReader.Read(json, pod);

                using var document = JsonDocument.Parse(json);
                var expected = document.RootElement.GetProperty("spec").GetProperty("containers")[1];
                var env = pod.Containers[1].Env;
                var expectedEnv = expected.GetProperty("env");
                Assert.Equal(expectedEnv.GetArrayLength(), env.Count);
                for (var i = 0; i < env.Count; i++)
                {
                    var name = expectedEnv[i].GetProperty("name").GetString()!;
                    Assert.Equal(name, env[i].Name);
                    Assert.True(env[i].NameIs(name), "pad " + pad + ": " + name);
                    Assert.Equal(i, EnvList.IndexOf(env, name));
                    Assert.Equal(expectedEnv[i].TryGetProperty("value", out var value) ? value.GetString() : null, env[i].Value);
                }

                // A name of the same length in bytes (or characters) but other text is not this entry's.
                Assert.Equal(-1, EnvList.IndexOf(env, new string('x', Encoding.UTF8.GetByteCount(text))));
                Assert.Equal(-1, EnvList.IndexOf(env, new string('x', text.Length)));
                var mount = pod.Containers[1].VolumeMounts[0];
                Assert.Equal("m" + text, mount.Name);
                Assert.Equal("/" + text, mount.MountPath);
                Assert.Equal(expected.GetProperty("volumeMounts")[0].GetRawText(), Encoding.UTF8.GetString(mount.Raw.Span));
                Assert.Equal(expected.GetProperty("securityContext").GetRawText(), Encoding.UTF8.GetString(pod.Containers[1].SecurityContext.Span));
                Assert.Equal(expected.GetProperty("envFrom").GetRawText(), Encoding.UTF8.GetString(pod.Containers[1].EnvFrom.Span));
            }
        }
    }

    /// <summary>A first container of ASCII only, its one entry's value <paramref name="pad"/> characters long.</summary>
    private static string AsciiContainer(int pad)
        => """{"name":"app","env":[""" + PadEntry(pad) + """,{"name":"B","value":"2"}],"volumeMounts":[{"name":"v","mountPath":"/v"}]}""";

    /// <summary>An env entry of ASCII whose value is <paramref name="pad"/> characters long.</summary>
    private static string PadEntry(int pad) => "{\"name\":\"PAD\",\"value\":\"" + new string('p', pad) + "\"}";

    private static string Pod(string first, string second) => """{"spec":{"containers":[""" + first + "," + second + "]}}";

    /// <summary>The UTF-8 of <paramref name="json"/> with each <c>@</c> replaced by <paramref name="bad"/>.</summary>
    private static byte[] Bytes(string json, byte[] bad)
        => [.. Encoding.UTF8.GetBytes(json).SelectMany(b => b == (byte)'@' ? bad : [b])];
}
