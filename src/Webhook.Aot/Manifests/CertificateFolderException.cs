namespace Webhook.Manifests;

/// <summary>The folder of <c>manifests --cert-dir</c> holds no usable CA and certificate; the message says which file and what to do.</summary>
public sealed class CertificateFolderException(string folder, string problem) : Exception(folder + ": " + problem);
