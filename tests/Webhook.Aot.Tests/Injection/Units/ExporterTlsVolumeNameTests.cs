using Webhook.Injection.Sdk;

namespace Webhook.Tests.Injection.Units;

/// <summary>TLS volume names: the operator's 63-character truncation and trimming (shared spec §7.6, §13).</summary>
public sealed class ExporterTlsVolumeNameTests
{
    private const string SecretPrefix = "otel-auto-secret-";

    [Fact]
    public void VolumeName_Short_IsPrefixAndName()
        => Assert.Equal("otel-auto-secret-my-certs", ExporterTls.VolumeName(SecretPrefix, "my-certs"));

    [Fact]
    public void VolumeName_Exactly63_IsKept()
    {
        var name = new string('a', 63 - SecretPrefix.Length);
        Assert.Equal(SecretPrefix + name, ExporterTls.VolumeName(SecretPrefix, name));
    }

    [Fact]
    public void VolumeName_TooLong_IsCutFromTheEndOfTheName()
    {
        var name = new string('b', 30) + new string('c', 30);
        var result = ExporterTls.VolumeName(SecretPrefix, name);

        Assert.Equal(63, result.Length);
        Assert.Equal(SecretPrefix + new string('b', 30) + new string('c', 16), result);
    }

    [Fact]
    public void VolumeName_CutEndingInDashes_IsTrimmedBelow63()
    {
        var name = new string('d', 44) + "--tail";
        Assert.Equal(SecretPrefix + new string('d', 44), ExporterTls.VolumeName(SecretPrefix, name));
    }

    [Fact]
    public void VolumeName_CutEndingInDot_IsTrimmed()
    {
        var name = new string('e', 45) + ".x-more-characters";
        Assert.Equal(SecretPrefix + new string('e', 45), ExporterTls.VolumeName(SecretPrefix, name));
    }

    [Fact]
    public void VolumeName_NameEndingInNonAlphanumerics_IsTrimmedEvenWhenShort()
        => Assert.Equal("otel-auto-configmap-ca", ExporterTls.VolumeName("otel-auto-configmap-", "ca.-"));

    [Fact]
    public void VolumeName_DotsInsideTheName_BecomeDashes()
        => Assert.Equal("otel-auto-secret-tls-example-com", ExporterTls.VolumeName(SecretPrefix, "tls.example.com"));

    [Fact]
    public void VolumeName_EmptyName_TrimsThePrefixDash()
        => Assert.Equal("otel-auto-secret", ExporterTls.VolumeName(SecretPrefix, ""));
}
