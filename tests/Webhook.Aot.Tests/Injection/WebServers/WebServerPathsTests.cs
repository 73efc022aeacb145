using Webhook.Injection.WebServers;

namespace Webhook.Tests.Injection.WebServers;

public sealed class WebServerPathsTests
{
    [Theory]
    [InlineData("/etc/httpd/conf/", "/etc/httpd/conf")]
    [InlineData("/etc/httpd/conf//", "/etc/httpd/conf/")]
    [InlineData("/etc/httpd/conf", "/etc/httpd/conf")]
    [InlineData("", "/usr/local/apache2/conf")]
    [InlineData(null, "/usr/local/apache2/conf")]
    public void ApacheConfDir_ConfigPath_LosesOneTrailingSlashOrDefaults(string? configPath, string expected)
    {
        Assert.Equal(expected, ApacheHttpdHook.ConfDir(configPath));
    }

    [Theory]
    [InlineData("/etc/nginx/nginx.conf", "/etc/nginx")]
    [InlineData("/usr/local/openresty/nginx/conf/openresty.conf", "/usr/local/openresty/nginx/conf")]
    [InlineData("/nginx.conf", "/")]
    [InlineData("nginx.conf", ".")]
    public void NginxConfDir_ConfigFile_IsItsFolder(string configFile, string expected)
    {
        Assert.Equal(expected, NginxHook.ConfDir(configFile));
    }

    [Theory]
    [InlineData("/etc/nginx/nginx.conf", "nginx.conf")]
    [InlineData("nginx.conf", "nginx.conf")]
    [InlineData("/etc/nginx/", "nginx")]
    public void NginxFileName_ConfigFile_IsItsLastElement(string configFile, string expected)
    {
        Assert.Equal(expected, NginxHook.FileName(configFile));
    }
}
