using System.Buffers;
using System.Text;
using System.Text.Json;
using Webhook.Injection.Env;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Tests.Injection.Units;

/// <summary>
/// A container's env and mounts operations assembled as bytes and given to the writer in one piece: the bytes the
/// writer writes part by part, after another operation in the patch's array; lists the bytes cannot take are left to it.
/// </summary>
public sealed class ListOperationTests
{
    private const string CompactPod = """{"spec":{"containers":[{"name":"app","env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}],"volumeMounts":[{"name":"data","mountPath":"/data","readOnly":true}]}]}}""";
    private const string SpacedPod = """{ "spec": { "containers": [ { "name": "app", "env": [ { "name": "A", "value": "1" } , { "name": "B", "value": "é" } ], "volumeMounts": [ { "name": "data", "mountPath": "/data" } ] } ] } }""";

    [Theory]
    [InlineData(CompactPod)]
    [InlineData(SpacedPod)]
    public void TryWriteEnvOp_CopiedAndPlainAddedEntries_WritesWhatTheWriterWritesPartByPart(string pod)
    {
        var env = ContainerOf(pod).Env;
        var ips = PrewrittenEnv.Adjacent(EnvEntry.FieldRef("OTEL_NODE_IP", "status.hostIP"), EnvEntry.FieldRef("OTEL_POD_IP", "status.podIP"));
        EnvList.Prepend(env, ips);
        env.Add(FragmentEnv.Literal(new FragmentBuffer(), "JAVA_TOOL_OPTIONS", " -javaagent:/a.jar"));
        env.Add(EnvEntry.Literal("OTEL_SERVICE_NAME", "shop"));
        env.Add(PrewrittenEnv.Literal("OTEL_PROPAGATORS", "tracecontext,baggage"));
        env.Add(EnvEntry.Literal("EMPTY", ""));

        var (written, json) = InArray(writer => PatchWriter.TryWriteEnvOp(writer, "replace"u8, "/spec/containers/0/env"u8, env));

        Assert.True(written);
        Assert.Equal(InArray(writer => ByParts(writer, env)).Json, json);
        Assert.Contains("{\"name\":\"OTEL_SERVICE_NAME\",\"value\":\"shop\"}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWriteEnvOp_EmptyList_WritesWhatTheWriterWritesPartByPart()
    {
        var env = new List<EnvEntry>();

        var (written, json) = InArray(writer => PatchWriter.TryWriteEnvOp(writer, "add"u8, "/spec/containers/0/env"u8, env));

        Assert.True(written);
        Assert.Equal(InArray(writer => ByParts(writer, env)).Json, json);
    }

    [Theory]
    [InlineData("changed")]
    [InlineData("escaped")]
    [InlineData("fieldRef")]
    [InlineData("large")]
    public void TryWriteEnvOp_EntryTheBytesCannotTake_WritesNothing(string kind)
    {
        var env = ContainerOf(CompactPod).Env;
        switch (kind)
        {
            case "changed":
                EnvList.SetValue(env, 0, "2");
                break;
            case "escaped":
                env.Add(EnvEntry.Literal("OTEL_SERVICE_NAME", "café+1"));
                break;
            case "fieldRef":
                env.Add(EnvEntry.FieldRef("OTEL_NODE_IP", "status.hostIP"));
                break;
            default:
                env.Add(EnvEntry.Literal("LARGE", new string('x', 9000)));
                break;
        }

        var (written, json) = InArray(writer => PatchWriter.TryWriteEnvOp(writer, "replace"u8, "/spec/containers/0/env"u8, env));

        Assert.False(written);
        Assert.Equal("[{\"op\":\"earlier\"}]", json);
    }

    [Theory]
    [InlineData(CompactPod, false)]
    [InlineData(SpacedPod, true)]
    public void TryWriteMountsOp_PodsAndAddedMounts_WritesWhatTheWriterWritesPartByPart(string pod, bool readOnly)
    {
        var mounts = ContainerOf(pod).VolumeMounts;
        mounts.Add(VolumeMountView.Added("opentelemetry-auto-instrumentation-java", "/otel-auto-instrumentation-java-app", readOnly));

        var (written, json) = InArray(writer => PatchWriter.TryWriteMountsOp(writer, "replace"u8, "/spec/containers/0/volumeMounts"u8, mounts));

        Assert.True(written);
        Assert.Equal(InArray(writer => MountsByParts(writer, mounts)).Json, json);
    }

    [Theory]
    [InlineData("/données")]
    [InlineData("/a+b")]
    public void TryWriteMountsOp_AddedMountWithEscapes_WritesNothing(string path)
    {
        var mounts = ContainerOf(CompactPod).VolumeMounts;
        mounts.Add(VolumeMountView.Added("v", path, false));

        var (written, json) = InArray(writer => PatchWriter.TryWriteMountsOp(writer, "replace"u8, "/spec/containers/0/volumeMounts"u8, mounts));

        Assert.False(written);
        Assert.Equal("[{\"op\":\"earlier\"}]", json);
    }

    private static ContainerView ContainerOf(string pod) => PodReader.Read(Encoding.UTF8.GetBytes(pod)).Containers[0];

    private static bool ByParts(Utf8JsonWriter writer, List<EnvEntry> env)
    {
        PatchWriter.WriteEnvOpByParts(writer, env.Count == 0 ? "add"u8 : "replace"u8, "/spec/containers/0/env"u8, env);
        return true;
    }

    private static bool MountsByParts(Utf8JsonWriter writer, List<VolumeMountView> mounts)
    {
        PatchWriter.WriteMountsOpByParts(writer, "replace"u8, "/spec/containers/0/volumeMounts"u8, mounts);
        return true;
    }

    /// <summary>What <paramref name="write"/> writes after another operation in an array, and whether it wrote.</summary>
    internal static (bool Written, string Json) InArray(Func<Utf8JsonWriter, bool> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        bool written;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteRawValue("{\"op\":\"earlier\"}"u8, skipInputValidation: true);
            written = write(writer);
            writer.WriteEndArray();
        }

        return (written, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
