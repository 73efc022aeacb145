namespace Webhook.Manifests;

/// <summary>The Instrumentation CRD exactly as built into the binary from <c>schema/instrumentation.crd.json</c>.</summary>
internal static class CrdManifest
{
    public const string ResourceName = "instrumentation.crd.json";

    public static BundleDocument Create()
    {
        using var stream = typeof(CrdManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("the binary lacks its embedded resource " + ResourceName + "; rebuild it");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new BundleDocument(copy.ToArray());
    }
}
