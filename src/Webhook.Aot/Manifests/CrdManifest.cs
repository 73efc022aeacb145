using System.IO.Compression;

namespace Webhook.Manifests;

/// <summary>
/// The Instrumentation CRD exactly as built into the binary from <c>schema/instrumentation.crd.json</c>, which the
/// build embeds gzip-compressed (Webhook.Aot.csproj, target CompressCrd).
/// </summary>
internal static class CrdManifest
{
    public const string ResourceName = "instrumentation.crd.json.gz";

    public static BundleDocument Create()
    {
        using var stream = typeof(CrdManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("the binary lacks its embedded resource " + ResourceName + "; rebuild it");
        using var json = new GZipStream(stream, CompressionMode.Decompress);
        using var copy = new MemoryStream();
        json.CopyTo(copy);
        return new BundleDocument(copy.ToArray());
    }
}
