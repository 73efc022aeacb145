using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Webhook.Manifests;

/// <summary>
/// <c>manifests --cert-dir DIR</c>: the CA and serving certificate kept in a folder, so that the bundle is the same on
/// every run and can be committed or diffed. The first run generates them and writes <c>ca.crt</c>, <c>tls.crt</c> and
/// <c>tls.key</c>; later runs read them back and check they still fit the install: the key matches, the CA signed the
/// certificate, it names the Service and has not expired.
/// </summary>
public static class CertificateFolder
{
    public const string CaFile = "ca.crt";
    public const string CertificateFile = "tls.crt";
    public const string KeyFile = "tls.key";

    private static readonly string[] s_files = [CaFile, CertificateFile, KeyFile];

    public static GeneratedCertificates LoadOrCreate(string folder, InstallTarget target, DateTimeOffset now)
    {
        var present = s_files.Where(file => File.Exists(Path.Combine(folder, file))).ToList();
        if (present.Count == 0)
        {
            return Create(folder, target, now);
        }

        if (present.Count < s_files.Length)
        {
            throw new CertificateFolderException(folder, "it holds " + string.Join(" and ", present) + " but not " + string.Join(" and ", s_files.Except(present))
                + "; put the missing file back, or remove " + string.Join(", ", present) + " to have a new CA and certificate made");
        }

        return Load(folder, target, now);
    }

    private static GeneratedCertificates Create(string folder, InstallTarget target, DateTimeOffset now)
    {
        var certificates = GeneratedCertificates.Create(target.ServiceHost, target.ServiceDnsNames, now);
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, CaFile), certificates.CaPem);
            File.WriteAllText(Path.Combine(folder, CertificateFile), certificates.CertificatePem);
            WriteOwnerOnly(Path.Combine(folder, KeyFile), certificates.KeyPem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateFolderException(folder, "the generated certificate cannot be kept there: " + e.Message);
        }

        return certificates;
    }

    private static GeneratedCertificates Load(string folder, InstallTarget target, DateTimeOffset now)
    {
        string caPem, certificatePem, keyPem;
        try
        {
            caPem = File.ReadAllText(Path.Combine(folder, CaFile));
            certificatePem = File.ReadAllText(Path.Combine(folder, CertificateFile));
            keyPem = File.ReadAllText(Path.Combine(folder, KeyFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateFolderException(folder, "its files cannot be read: " + e.Message);
        }

        using var certificate = Parse(folder, CertificateFile + " and " + KeyFile, () => X509Certificate2.CreateFromPem(certificatePem, keyPem));
        using var ca = Parse(folder, CaFile, () => X509Certificate2.CreateFromPem(caPem));
        var remake = "; remove " + string.Join(", ", s_files) + " to have a new CA and certificate made";
        if (now >= certificate.NotAfter.ToUniversalTime())
        {
            throw new CertificateFolderException(folder, CertificateFile + " expired on " + certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + remake);
        }

        if (!certificate.MatchesHostname(target.ServiceHost))
        {
            throw new CertificateFolderException(folder, CertificateFile + " does not name " + target.ServiceHost + " (made for another --namespace?)" + remake);
        }

        if (!SignedBy(certificate, ca, now))
        {
            throw new CertificateFolderException(folder, CertificateFile + " was not signed by " + CaFile + remake);
        }

        return new GeneratedCertificates(caPem, certificatePem, keyPem, new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
    }

    private static X509Certificate2 Parse(string folder, string files, Func<X509Certificate2> parse)
    {
        try
        {
            return parse();
        }
        catch (CryptographicException e)
        {
            throw new CertificateFolderException(folder, files + " do not hold a PEM certificate (and its key): " + e.Message);
        }
    }

    private static bool SignedBy(X509Certificate2 certificate, X509Certificate2 ca, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(certificate);
    }

    /// <summary>The key is for the user who runs manifests only, as ssh keeps its keys.</summary>
    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(text);
    }
}
