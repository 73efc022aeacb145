using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Webhook.Hosting;

namespace Webhook.Tests.Hosting;

/// <summary>The server's routes answer as ASP.NET Core's routing did for literal paths, and name the route for the request metrics.</summary>
public sealed class RouteTableTests
{
    private readonly List<string> _called = [];

    [Theory]
    [InlineData("POST", "/mutate", "mutate")]
    [InlineData("POST", "/Mutate/", "mutate")]
    [InlineData("GET", "/healthz", "healthz")]
    [InlineData("POST", "/validate", "validate")]
    public async Task Dispatch_KnownMethodAndPath_RunsItsHandlerWithTheRouteAsEndpoint(string method, string path, string expected)
    {
        var context = Request(method, path);

        await Table().Dispatch(context);

        Assert.Equal([expected], _called);
        Assert.Equal("/" + expected, context.GetEndpoint()?.Metadata.GetMetadata<IRouteDiagnosticsMetadata>()?.Route);
    }

    [Fact]
    public async Task Dispatch_KnownPathOtherMethod_Is405WithTheAllowedMethod()
    {
        var context = Request("GET", "/mutate");

        await Table().Dispatch(context);

        Assert.Empty(_called);
        Assert.Equal(405, context.Response.StatusCode);
        Assert.Equal("POST", context.Response.Headers.Allow.ToString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/mutate/x")]
    [InlineData("/mutatex")]
    public async Task Dispatch_UnknownPath_Is404(string path)
    {
        var context = Request("POST", path);

        await Table().Dispatch(context);

        Assert.Empty(_called);
        Assert.Equal(404, context.Response.StatusCode);
    }

    private RouteTable Table() => new(
        (HttpMethods.Post, "/mutate", Handler("mutate")),
        (HttpMethods.Post, "/validate", Handler("validate")),
        (HttpMethods.Get, "/healthz", Handler("healthz")));

    private RequestDelegate Handler(string name) => _ =>
    {
        _called.Add(name);
        return Task.CompletedTask;
    };

    private static DefaultHttpContext Request(string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        return context;
    }
}
