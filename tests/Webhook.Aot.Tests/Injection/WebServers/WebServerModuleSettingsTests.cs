using System.Text;
using Webhook.Crd;
using Webhook.Injection;
using Webhook.Injection.Pods;
using Webhook.Injection.Snapshot;
using Webhook.Injection.WebServers;

namespace Webhook.Tests.Injection.WebServers;

public sealed class WebServerModuleSettingsTests
{
    [Fact]
    public void Settings_NoExporterEndpoint_UsesTheModuleGrpcDefault()
    {
        var settings = SettingsFor("""{"metadata":{"name":"web"},"spec":{"containers":[{"name":"httpd"}]}}""", requestNamespace: "shop", endpoint: null);

        Assert.Equal("http://localhost:4317/", settings.Endpoint);
    }

    [Fact]
    public void Settings_PodNamespaceSet_WinsOverTheRequestNamespace()
    {
        var settings = SettingsFor("""{"metadata":{"name":"web","namespace":"from-pod"},"spec":{"containers":[{"name":"httpd"}]}}""", requestNamespace: "from-request");

        Assert.Equal("from-pod", settings.ServiceNamespace);
    }

    [Fact]
    public void Settings_NamespaceOnlyInTheRequest_UsesIt()
    {
        var settings = SettingsFor("""{"metadata":{"name":"web"},"spec":{"containers":[{"name":"httpd"}]}}""", requestNamespace: "shop");

        Assert.Equal("shop", settings.ServiceNamespace);
    }

    [Fact]
    public void Settings_NoNamespaceAnywhere_UsesTheWebServerFallback()
    {
        var settings = SettingsFor("""{"metadata":{"name":"web"},"spec":{"containers":[{"name":"httpd"}]}}""", requestNamespace: "");

        Assert.Equal("apache-httpd", settings.ServiceNamespace);
    }

    [Fact]
    public void Settings_ServiceNameAnnotation_WinsOverThePodName()
    {
        var settings = SettingsFor(
            """{"metadata":{"name":"web-0","annotations":{"resource.opentelemetry.io/service.name":"storefront"}},"spec":{"containers":[{"name":"httpd"}]}}""",
            requestNamespace: "shop");

        Assert.Equal("storefront", settings.ServiceName);
    }

    private static WebServerModuleSettings SettingsFor(string podJson, string requestNamespace, string? endpoint = "http://collector:4317")
    {
        var pod = PodReader.Read(Encoding.UTF8.GetBytes(podJson));
        var context = new InjectionContext(pod, requestNamespace, InstrumentationSnapshot.Empty, InjectionSettings.Defaults);
        var instrumentation = new Instrumentation { Spec = new InstrumentationSpec { Exporter = new Exporter { Endpoint = endpoint } } };
        return WebServerModule.Settings(context, pod.Containers[0], instrumentation, "apache-httpd");
    }
}
