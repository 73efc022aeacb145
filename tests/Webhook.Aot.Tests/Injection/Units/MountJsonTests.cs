using System.Buffers;
using System.Text;
using System.Text.Json;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Tests.Injection.Units;

/// <summary>A volume mount injection adds, written before the patch: the bytes are those the patch writer would write.</summary>
public sealed class MountJsonTests
{
    [Theory]
    [InlineData("opentelemetry-auto-instrumentation-java", "/otel-auto-instrumentation-java", false, true)]
    [InlineData("otel-conf", "/etc/nginx", true, true)]
    [InlineData("vol", "/data/é", false, false)]
    [InlineData("vol", "/a+b/<c>&'d'", true, false)]
    public void FragmentMountAdded_AnyText_WritesWhatAnAddedMountWrites(string name, string mountPath, bool readOnly, bool copied)
    {
        var fragments = new FragmentBuffer();
        fragments.Concat("{\"earlier\":1}"u8, default, default, default);

        var mount = FragmentMount.Added(fragments, name, mountPath, readOnly);

        Assert.Equal(Json(VolumeMountView.Added(name, mountPath, readOnly)), Json(mount));
        Assert.Equal((name, mountPath, readOnly), (mount.Name, mount.MountPath, mount.ReadOnly));
        Assert.Equal(copied, !mount.Raw.IsEmpty);
    }

    [Fact]
    public void FragmentMountAdded_EveryAsciiCharacter_WritesWhatAnAddedMountWrites()
    {
        // Copied without a JSON writer only when nothing needs escaping: every character the writer escapes must take
        // the writer's path.
        var fragments = new FragmentBuffer();
        for (var c = 0; c < 128; c++)
        {
            var path = "/a" + (char)c + "b";
            var mount = FragmentMount.Added(fragments, "v" + (char)c, path, c % 2 == 0);

            Assert.Equal(Json(VolumeMountView.Added("v" + (char)c, path, c % 2 == 0)), Json(mount));
        }
    }

    private static string Json(VolumeMountView mount)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonFragments.WriteMount(writer, mount);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
