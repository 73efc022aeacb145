using System.Buffers;
using System.Text;
using System.Text.Json;
using Webhook.Injection.Env;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Tests.Injection.Units;

/// <summary>
/// Env entries whose JSON is written before the patch (into the fragments, or prewritten side by side), and env lists
/// copied in pieces: the bytes are those the patch writer would write entry by entry.
/// </summary>
public sealed class EnvJsonTests
{
    [Theory]
    [InlineData("k8s.container.name=app,k8s.pod.name=$(OTEL_RESOURCE_ATTRIBUTES_POD_NAME)")]
    [InlineData("team=équipe,owner=名前")]
    [InlineData("quote=\"x\",plus=a+b,tag=<b>&'c'\\d")]
    [InlineData("")]
    public void FragmentEnvLiteral_AnyValue_WritesWhatALiteralEntryWritesAndReadsItBack(string value)
    {
        var fragments = new FragmentBuffer();
        fragments.Concat("{\"earlier\":1}"u8, default, default, default);

        var entry = FragmentEnv.Literal(fragments, "OTEL_RESOURCE_ATTRIBUTES", value.AsSpan());

        Assert.Equal(ByFields("OTEL_RESOURCE_ATTRIBUTES", value), Encoding.UTF8.GetString(entry.Raw.Span));
        Assert.Equal(value, entry.Value);
        Assert.True(entry.NameIs("OTEL_RESOURCE_ATTRIBUTES"));
        Assert.False(entry.HasValueFrom);
        Assert.Equal(-1, entry.Origin);
    }

    [Fact]
    public void FragmentEnvLiteral_EveryAsciiCharacter_WritesWhatALiteralEntryWrites()
    {
        // The entry's bytes are copied without a JSON writer when nothing in them needs escaping: every character the
        // writer escapes ('"', '\\', '+', '<', '&', control characters, ...) must take the writer's path.
        var fragments = new FragmentBuffer();
        for (var c = 0; c < 128; c++)
        {
            var value = "a=" + (char)c + ",b=$(X)";
            var entry = FragmentEnv.Literal(fragments, "JAVA_TOOL_OPTIONS", value.AsSpan());

            Assert.Equal(ByFields("JAVA_TOOL_OPTIONS", value), Encoding.UTF8.GetString(entry.Raw.Span));
            Assert.Equal(value, entry.Value);
        }
    }

    [Theory]
    [InlineData("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"},{\"name\":\"C\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"x\"}}}]")]
    [InlineData("[ {\"name\":\"A\",\"value\":\"1\"} ,\n {\"name\":\"B\",\"value\":\"2\"},{\"name\":\"C\",\"value\":\"3\"}\n]")]
    public void WriteEnv_EntriesSideBySideOrApart_WritesWhatEntryByEntryWrites(string envJson)
    {
        var env = PodReader.Read(Encoding.UTF8.GetBytes("{\"spec\":{\"containers\":[{\"name\":\"app\",\"env\":" + envJson + "}]}}")).Containers[0].Env;
        var prewritten = PrewrittenEnv.Adjacent(EnvEntry.FieldRef("OTEL_NODE_IP", "status.hostIP"), EnvEntry.Literal("X", "é"), EnvEntry.Literal("Y", "2"));
        env.Insert(0, prewritten[0]);
        env.Insert(1, prewritten[1]);
        env.Add(prewritten[2]);
        env.Add(EnvEntry.Literal("Z", "3"));
        // A changed entry in the middle of the pod's run, and entries out of their prewritten order.
        EnvList.SetValue(env, 3, "changed");
        env.Add(prewritten[1]);
        env.Add(prewritten[0]);

        var inPieces = Json(writer => JsonFragments.WriteEnv(writer, env));
        var oneByOne = Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var entry in env)
            {
                JsonFragments.WriteEnvEntry(writer, entry);
            }

            writer.WriteEndArray();
        });

        Assert.Equal(oneByOne, inPieces);
        Assert.Contains("\"changed\"", inPieces, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteEnvEntry_AddedLiteralWithEveryAsciiCharacter_WritesWhatTheFieldsWrite()
    {
        // An added entry is copied as bytes when nothing in it needs escaping: every character the writer escapes must
        // take the writer's path, in the value and in the name; the entries stand in one array, a comma apart.
        for (var c = 0; c < 128; c++)
        {
            var value = "svc" + (char)c + "x";
            var name = "N" + (char)c;
            var env = new List<EnvEntry> { EnvEntry.Literal("OTEL_SERVICE_NAME", value), EnvEntry.Literal(name, "1"), EnvEntry.Literal("E", "") };

            var expected = Json(writer =>
            {
                writer.WriteStartArray();
                foreach (var entry in env)
                {
                    WriteFields(writer, entry.Name, entry.Value!);
                }

                writer.WriteEndArray();
            });

            Assert.Equal(expected, Json(writer => JsonFragments.WriteEnv(writer, env)));
        }

        Assert.Equal(ByFields("OTEL_SERVICE_NAME", "café"), Json(writer => JsonFragments.WriteEnvEntry(writer, EnvEntry.Literal("OTEL_SERVICE_NAME", "café"))));
        var longValue = new string('v', 5000);
        Assert.Equal(ByFields("OTEL_SERVICE_NAME", longValue), Json(writer => JsonFragments.WriteEnvEntry(writer, EnvEntry.Literal("OTEL_SERVICE_NAME", longValue))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteMount_AddedWithEveryAsciiCharacter_WritesWhatTheFieldsWrite(bool readOnly)
    {
        for (var c = 0; c < 128; c++)
        {
            var mounts = new[]
            {
                new VolumeMountView("opentelemetry-auto-instrumentation-java", "/otel-auto-instrumentation-java-" + (char)c, default, readOnly),
                new VolumeMountView("v" + (char)c, "/p", default, readOnly),
            };

            Assert.Equal(MountsByFields(mounts), Json(writer =>
            {
                writer.WriteStartArray();
                foreach (var mount in mounts)
                {
                    JsonFragments.WriteMount(writer, mount);
                }

                writer.WriteEndArray();
            }));
        }

        var other = new[] { new VolumeMountView("vol", "/données", default, readOnly), new VolumeMountView("vol", "/" + new string('p', 3000), default, readOnly) };
        Assert.Equal(MountsByFields(other), Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var mount in other)
            {
                JsonFragments.WriteMount(writer, mount);
            }

            writer.WriteEndArray();
        }));
    }

    /// <summary>An added mount as the JSON writer writes its fields: the bytes to match.</summary>
    private static string MountsByFields(VolumeMountView[] mounts) => Json(writer =>
    {
        writer.WriteStartArray();
        foreach (var mount in mounts)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, mount.Name);
            writer.WriteString("mountPath"u8, mount.MountPath);
            if (mount.ReadOnly)
            {
                writer.WriteBoolean("readOnly"u8, true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary>A literal entry as the JSON writer writes its fields: the bytes to match.</summary>
    private static string ByFields(string name, string value) => Json(writer => WriteFields(writer, name, value));

    private static void WriteFields(Utf8JsonWriter writer, string name, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteString("value"u8, value);
        writer.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
