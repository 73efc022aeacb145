using System.Buffers;
using System.Text;
using Webhook.Injection.Pods;

namespace Webhook.Injection.Patching;

/// <summary>
/// A volume mount injection adds to a container, written as JSON into the pod's fragments when it is added, so the patch
/// writer copies its bytes as it copies a pod's own mounts instead of writing it field by field.
/// </summary>
public static class FragmentMount
{
    /// <summary>What a <see cref="System.Text.Json.Utf8JsonWriter"/> without an encoder of its own escapes by.</summary>
    private static readonly System.Text.Encodings.Web.JavaScriptEncoder s_escaper = System.Text.Encodings.Web.JavaScriptEncoder.Default;

    /// <summary>
    /// The mount with the bytes <see cref="JsonFragments.WriteMount"/> writes for <c>VolumeMountView.Added(name, mountPath, readOnly)</c>:
    /// <c>{"name":"…","mountPath":"…"}</c> (with <c>,"readOnly":true</c>), copied where neither text needs an escape;
    /// otherwise the mount as added, which the patch writer writes through its JSON writer.
    /// </summary>
    public static VolumeMountView Added(FragmentBuffer fragments, string name, string mountPath, bool readOnly)
    {
        ReadOnlySpan<byte> start = "{\"name\":\""u8;
        ReadOnlySpan<byte> between = "\",\"mountPath\":\""u8;
        ReadOnlySpan<byte> end = readOnly ? "\",\"readOnly\":true}"u8 : "\"}"u8;
        var nameStart = start.Length;
        var pathStart = nameStart + name.Length + between.Length;
        var length = pathStart + mountPath.Length + end.Length;
        var bytes = fragments.GetSpan(length);
        if (Ascii.FromUtf16(name, bytes[nameStart..], out _) != OperationStatus.Done
            || Ascii.FromUtf16(mountPath, bytes[pathStart..], out _) != OperationStatus.Done
            || s_escaper.FindFirstCharacterToEncodeUtf8(bytes.Slice(nameStart, name.Length)) >= 0
            || s_escaper.FindFirstCharacterToEncodeUtf8(bytes.Slice(pathStart, mountPath.Length)) >= 0)
        {
            return VolumeMountView.Added(name, mountPath, readOnly);
        }

        start.CopyTo(bytes);
        between.CopyTo(bytes[(nameStart + name.Length)..]);
        end.CopyTo(bytes[(pathStart + mountPath.Length)..]);
        return new VolumeMountView(name, mountPath, fragments.Advance(length), readOnly);
    }
}
