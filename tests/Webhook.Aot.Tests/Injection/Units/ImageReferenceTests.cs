using Webhook.Injection.Sdk;

namespace Webhook.Tests.Injection.Units;

/// <summary>service.version from the image reference (shared spec §7.5.5), with the reference grammar's edge cases.</summary>
public sealed class ImageReferenceTests
{
    private const string Digest = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("img:1", "1")]
    [InlineData("img:latest", "latest")]
    [InlineData("fictional.registry.example:10443/imagename:latest", "latest")]
    [InlineData("repo/app:1.2.3", "1.2.3")]
    [InlineData("localhost:5000/team/app:v2_rc.1", "v2_rc.1")]
    [InlineData("Registry.Example.COM/team/app:1", "1")]
    [InlineData("[::1]:5000/app:7", "7")]
    [InlineData("img:_underscore-first", "_underscore-first")]
    public void Version_Tagged_IsTheTag(string image, string expected) => Assert.Equal(expected, ImageReference.Version(image));

    [Fact]
    public void Version_TagAndDigest_IsTagAtDigest() => Assert.Equal("1@" + Digest, ImageReference.Version("img:1@" + Digest));

    [Fact]
    public void Version_DigestOnly_IsTheDigest() => Assert.Equal(Digest, ImageReference.Version("img@" + Digest));

    [Fact]
    public void Version_RegistryPortAndDigest_IsTheDigest() => Assert.Equal(Digest, ImageReference.Version("registry.io:8080/img@" + Digest));

    [Theory]
    [InlineData("img")]
    [InlineData("registry.io:8080/img")]
    [InlineData("")]
    public void Version_NoTagNoDigest_IsEmpty(string image) => Assert.Equal("", ImageReference.Version(image));

    [Theory]
    [InlineData("Img:1")]
    [InlineData("repo/App:1")]
    [InlineData("img:1 ")]
    [InlineData("img:1\n")]
    [InlineData(" img:1")]
    [InlineData("img::1")]
    [InlineData("img:")]
    [InlineData("-img:1")]
    [InlineData("img:-1")]
    [InlineData("img:.1")]
    [InlineData("img/:1")]
    [InlineData("img@sha256:abc")]
    [InlineData("img@sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("img@md5:e3b0c44298fc1c149afbf4c8996fb924")]
    [InlineData("img:1@")]
    public void Version_Unparsable_IsEmpty(string image) => Assert.Equal("", ImageReference.Version(image));

    [Fact]
    public void Version_TagOf128Characters_IsTheTag()
    {
        var tag = new string('a', 128);
        Assert.Equal(tag, ImageReference.Version("img:" + tag));
    }

    [Fact]
    public void Version_TagOf129Characters_IsEmpty() => Assert.Equal("", ImageReference.Version("img:" + new string('a', 129)));

    [Fact]
    public void Version_NameLongerThan255_IsEmpty() => Assert.Equal("", ImageReference.Version(new string('a', 256) + ":1"));

    [Fact]
    public void Version_Sha512Digest_IsTheDigest()
    {
        var digest = "sha512:" + new string('0', 128);
        Assert.Equal(digest, ImageReference.Version("img@" + digest));
    }
}
