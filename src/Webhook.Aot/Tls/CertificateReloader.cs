using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Webhook.Observability;

namespace Webhook.Tls;

/// <summary>
/// Serves the PEM pair <c>tls.crt</c>/<c>tls.key</c> from a folder and swaps in a new one when the files change.
/// Kubelet updates a mounted Secret by swapping a symlink, which file events report unreliably, so the folder is
/// polled and compared by content. A pair that does not load keeps the previous certificate in service.
/// </summary>
public sealed class CertificateReloader : IDisposable
{
    public const string CertificateFile = "tls.crt";
    public const string KeyFile = "tls.key";

    private readonly string _folder;
    private readonly ILogger _log;
    private X509Certificate2? _current;
    private byte[] _fingerprint = [];
    private Timer? _timer;

    public CertificateReloader(string folder, ILogger log)
    {
        _folder = folder;
        _log = log;
    }

    public X509Certificate2? Current => Volatile.Read(ref _current);

    /// <summary>Loads the pair; when the folder has none, writes a self-signed one there first. Throws with the folder's name when it cannot.</summary>
    public void Start(TimeSpan pollInterval, IEnumerable<string> dnsNames)
    {
        var certificatePath = Path.Combine(_folder, CertificateFile);
        var keyPath = Path.Combine(_folder, KeyFile);
        if (!File.Exists(certificatePath) && !File.Exists(keyPath))
        {
            Generate(certificatePath, keyPath, dnsNames);
        }

        if (!TryReload(out var problem))
        {
            throw new InvalidOperationException("--cert-dir " + _folder + ": " + problem);
        }

        _timer = new Timer(_ => TryReload(out string? _), null, pollInterval, pollInterval);
    }

    public bool TryReload(out string? problem)
    {
        problem = null;
        try
        {
            var certificatePem = File.ReadAllText(Path.Combine(_folder, CertificateFile));
            var keyPem = File.ReadAllText(Path.Combine(_folder, KeyFile));
            var fingerprint = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(certificatePem + "\n" + keyPem));
            if (fingerprint.AsSpan().SequenceEqual(_fingerprint))
            {
                return true;
            }

            var loaded = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            var previous = Interlocked.Exchange(ref _current, loaded);
            _fingerprint = fingerprint;
            Log.CertificateLoaded(_log, loaded.Subject, loaded.NotAfter, _folder);

            // Handshakes in flight may still hold the previous certificate; it is left to the finalizer, not disposed.
            _ = previous;
            return true;
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            problem = e.Message;
            Log.CertificateReloadFailed(_log, _folder, e.Message);
            return false;
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Generate(string certificatePath, string keyPath, IEnumerable<string> dnsNames)
    {
        var (certificate, key) = SelfSignedCertificate.Create(dnsNames);
        try
        {
            Directory.CreateDirectory(_folder);
            WriteKey(keyPath, key);
            File.WriteAllText(certificatePath, certificate);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException("--cert-dir " + _folder + " holds no tls.crt/tls.key and a self-signed pair cannot be written there ("
                + e.Message + "); mount a certificate there or point --cert-dir at a writable folder", e);
        }

        Log.SelfSignedCertificateWritten(_log, _folder, certificatePath);
    }

    /// <summary>
    /// The private key is created readable by its owner only (0600), never for a moment with the umask's wider mode:
    /// a chmod after writing would leave a window in which any user of the machine could read it.
    /// </summary>
    private static void WriteKey(string keyPath, string key)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(keyPath, options);
        writer.Write(key);
    }
}
