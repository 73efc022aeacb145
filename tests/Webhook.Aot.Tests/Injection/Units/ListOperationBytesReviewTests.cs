using System.Buffers;
using System.Text;
using System.Text.Json;
using Webhook.Injection.Env;
using Webhook.Injection.Patching;
using Webhook.Injection.Pods;

namespace Webhook.Tests.Injection.Units;

/// <summary>
/// A container's env and mounts operations, as the patch writer writes them (assembled as bytes when it can, part by
/// part otherwise), against what a plain <see cref="Utf8JsonWriter"/> writes field by field: an entry the pod wrote is
/// its bytes, an added one its name and value (or fieldRef) as strings. Lists mix every kind, the pod's entries in
/// compact and spaced JSON, in and out of their order, and texts JSON escapes (non-ASCII, '+', '&lt;', quotes, controls);
/// sizes sweep across the 8 KB stack limit of an operation and the 1 KB one of an entry.
/// </summary>
public sealed class ListOperationBytesReviewTests
{
    private const string Path = "/spec/containers/0/env";
    private const string MountsPath = "/spec/containers/0/volumeMounts";

    private const string CompactPod = """{"spec":{"containers":[{"name":"app","env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}},{"name":"C","value":"a+b"}],"volumeMounts":[{"name":"data","mountPath":"/data","readOnly":true},{"name":"logs","mountPath":"/logs"}]}]}}""";
    private const string SpacedPod = """
        { "spec": { "containers": [ { "name": "app",
          "env": [ { "name" : "A", "value" : "1" } ,
                   {"name":"B","value":"é"},{"name":"C","value":"\u003c"} ],
          "volumeMounts": [ { "name": "data", "mountPath": "/data" } ,{"name":"logs","mountPath":"/logs","readOnly":false} ] } ] } }
        """;

    /// <summary>Texts of every kind the fast path must either copy exactly or leave to the writer.</summary>
    public static readonly string[] Texts =
    [
        "", "plain", "tracecontext,baggage", "a+b", "<x>", "a&b", "it's", "`cmd`", "q\"q", "back\\slash", "tab\t", "line\n",
        "\u007f", "\u0001", "café", "日本", "😀", "~!@#$%^*()_=-{}[]|:;?/.,",
    ];

    public static TheoryData<string> Pods() => new() { CompactPod, SpacedPod };

    [Theory]
    [MemberData(nameof(Pods))]
    public void EnvOp_AddedLiteralOfEveryText_WritesWhatTheWriterWritesFieldByField(string pod)
    {
        foreach (var text in Texts)
        {
            foreach (var (name, value) in new[] { ("OTEL_SERVICE_NAME", text), ("N" + text, "v") })
            {
                var env = ContainerOf(pod).Env;
                EnvList.Prepend(env, PrewrittenEnv.Adjacent(EnvEntry.FieldRef("OTEL_NODE_IP", "status.hostIP"), EnvEntry.FieldRef("OTEL_POD_IP", "status.podIP")));
                env.Add(EnvEntry.Literal(name, value));
                env.Add(FragmentEnv.Literal(new FragmentBuffer(), "JAVA_TOOL_OPTIONS", " -javaagent:/otel-" + text + "/javaagent.jar"));

                Assert.Equal(Reference(env), Written(env));
            }
        }
    }

    [Fact]
    public void EnvOp_PlainList_IsAssembledAsBytes()
    {
        // Without this the other tests could pass with the fast path never taken.
        var env = ContainerOf(CompactPod).Env;
        env.Add(EnvEntry.Literal("OTEL_SERVICE_NAME", "shop"));

        var (taken, _) = ListOperationTests.InArray(writer => PatchWriter.TryWriteEnvOp(writer, "replace"u8, Encoding.ASCII.GetBytes(Path), env));

        Assert.True(taken);
    }

    [Fact]
    public void FragmentEnvLiteral_EveryText_IsWhatTheWriterWritesForTheEntry()
    {
        foreach (var text in Texts)
        {
            var entry = FragmentEnv.Literal(new FragmentBuffer(), "JAVA_TOOL_OPTIONS", text);

            Assert.Equal(EntryThroughWriter("JAVA_TOOL_OPTIONS", text), Encoding.UTF8.GetString(entry.Raw.Span));
            Assert.Equal(text, entry.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Pods))]
    public void EnvOp_PodEntriesOutOfOrderWithChangedAndFieldRefOnes_WritesWhatTheWriterWritesFieldByField(string pod)
    {
        var own = ContainerOf(pod).Env;
        var other = ContainerOf(CompactPod).Env;
        var cases = new List<List<EnvEntry>>
        {
            // The pod's entries reversed: bytes side by side in the pod but not in the list's order.
            Enumerable.Reverse(own).ToList(),
            // Another pod's entry between two of this one's: its bytes elsewhere.
            new List<EnvEntry> { own[0], other[1], own[1], own[2] },
            // One entry twice: its bytes follow no comma the second time.
            new List<EnvEntry> { own[0], own[0] },
            new List<EnvEntry> { own[0], EnvEntry.Literal("X", "y"), own[1], EnvEntry.FieldRef("F", "metadata.name"), own[2] },
            new List<EnvEntry> { own[0], own[2].WithValue("changed+"), own[1] },
            new List<EnvEntry> { EnvEntry.Literal("ONLY", "") },
        };

        foreach (var env in cases)
        {
            Assert.Equal(Reference(env), Written(env));
        }
    }

    [Theory]
    [MemberData(nameof(Pods))]
    public void EnvOp_SizesAcrossTheStackLimits_WritesWhatTheWriterWritesFieldByField(string pod)
    {
        var sizes = Enumerable.Range(900, 200).Concat(Enumerable.Range(7900, 400)).Concat([16_000, 70_000]);
        var (taken, declined) = (0, 0);
        foreach (var size in sizes)
        {
            var env = ContainerOf(pod).Env;
            env.Add(EnvEntry.Literal("OTEL_SERVICE_NAME", "shop"));
            env.Add(EnvEntry.Literal("LARGE", new string('x', size)));

            Assert.Equal(Reference(env), Written(env));
            _ = ListOperationTests.InArray(writer => PatchWriter.TryWriteEnvOp(writer, "replace"u8, Encoding.ASCII.GetBytes(Path), env)).Written ? taken++ : declined++;
        }

        // The sweep crossed the 8 KB limit: some lists went as bytes, the larger ones part by part.
        Assert.True(taken > 0 && declined > 0, $"{taken} taken, {declined} declined");
    }

    [Theory]
    [MemberData(nameof(Pods))]
    public void EnvOp_CopiedEntriesAcrossTheStackLimit_WritesWhatTheWriterWritesFieldByField(string pod)
    {
        // Entries written into the fragments (copied as written), their sum crossing 8 KB.
        for (var count = 60; count < 120; count++)
        {
            var env = ContainerOf(pod).Env;
            var fragments = new FragmentBuffer();
            for (var i = 0; i < count; i++)
            {
                env.Add(FragmentEnv.Literal(fragments, "JAVA_TOOL_OPTIONS", " -javaagent:/otel-auto-instrumentation-java-" + i + "/javaagent.jar"));
            }

            Assert.Equal(Reference(env), Written(env));
        }
    }

    [Theory]
    [MemberData(nameof(Pods))]
    public void MountsOp_AddedMountOfEveryText_WritesWhatTheWriterWritesFieldByField(string pod)
    {
        foreach (var text in Texts)
        {
            foreach (var readOnly in new[] { false, true })
            {
                var mounts = ContainerOf(pod).VolumeMounts;
                mounts.Add(VolumeMountView.Added("opentelemetry-auto-instrumentation-java", "/otel-" + text, readOnly));
                mounts.Insert(1, VolumeMountView.Added("v" + text, "/plain", readOnly));

                Assert.Equal(MountsReference(mounts), MountsWritten(mounts));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pods))]
    public void MountsOp_SizesAcrossTheStackLimits_WritesWhatTheWriterWritesFieldByField(string pod)
    {
        var (taken, declined) = (0, 0);
        foreach (var size in Enumerable.Range(900, 200).Concat(Enumerable.Range(7900, 400)).Concat([16_000]))
        {
            var mounts = ContainerOf(pod).VolumeMounts;
            mounts.Add(VolumeMountView.Added("v", "/" + new string('p', size), readOnly: size % 2 == 0));

            Assert.Equal(MountsReference(mounts), MountsWritten(mounts));
            _ = ListOperationTests.InArray(writer => PatchWriter.TryWriteMountsOp(writer, "replace"u8, Encoding.ASCII.GetBytes(MountsPath), mounts)).Written ? taken++ : declined++;
        }

        Assert.True(taken > 0 && declined > 0, $"{taken} taken, {declined} declined");
    }

    /// <summary>What the patch writer writes for a container's env (<c>PatchWriter.WriteEnvEdits</c>'s two steps).</summary>
    private static string Written(List<EnvEntry> env)
        => ListOperationTests.InArray(writer =>
        {
            var path = Encoding.ASCII.GetBytes(Path);
            if (!PatchWriter.TryWriteEnvOp(writer, "replace"u8, path, env))
            {
                PatchWriter.WriteEnvOpByParts(writer, "replace"u8, path, env);
            }

            return true;
        }).Json;

    private static string MountsWritten(List<VolumeMountView> mounts)
        => ListOperationTests.InArray(writer =>
        {
            var path = Encoding.ASCII.GetBytes(MountsPath);
            if (!PatchWriter.TryWriteMountsOp(writer, "replace"u8, path, mounts))
            {
                PatchWriter.WriteMountsOpByParts(writer, "replace"u8, path, mounts);
            }

            return true;
        }).Json;

    /// <summary>The operation field by field through the writer: a pod's entry as its bytes, an added one from its texts.</summary>
    private static string Reference(List<EnvEntry> env)
        => ListOperationTests.InArray(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("op", "replace");
            writer.WriteString("path", Path);
            writer.WriteStartArray("value");
            foreach (var entry in env)
            {
                if (entry.IsModified)
                {
                    // A changed entry of the pod: written by the code the fast path leaves it to, unchanged by it.
                    JsonFragments.WriteEnvEntry(writer, entry);
                }
                else if (!entry.Raw.IsEmpty)
                {
                    writer.WriteRawValue(entry.Raw.Span, skipInputValidation: true);
                }
                else if (entry.FieldPath is { } fieldPath)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", entry.Name);
                    writer.WriteStartObject("valueFrom");
                    writer.WriteStartObject("fieldRef");
                    writer.WriteString("fieldPath", fieldPath);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", entry.Name);
                    writer.WriteString("value", entry.Value);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            return true;
        }).Json;

    private static string MountsReference(List<VolumeMountView> mounts)
        => ListOperationTests.InArray(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("op", "replace");
            writer.WriteString("path", MountsPath);
            writer.WriteStartArray("value");
            foreach (var mount in mounts)
            {
                if (!mount.Raw.IsEmpty)
                {
                    writer.WriteRawValue(mount.Raw.Span, skipInputValidation: true);
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("name", mount.Name);
                writer.WriteString("mountPath", mount.MountPath);
                if (mount.ReadOnly)
                {
                    writer.WriteBoolean("readOnly", true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            return true;
        }).Json;

    private static string EntryThroughWriter(string name, string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("value", value);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ContainerView ContainerOf(string pod) => PodReader.Read(Encoding.UTF8.GetBytes(pod)).Containers[0];
}
