using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Webhook.Hosting;

/// <summary>
/// The server's few fixed routes, matched by method and path as ASP.NET Core's routing matches literal routes (path
/// without regard to case or one trailing slash; a known path asked with another method is 405 with <c>Allow</c>, an
/// unknown one 404). Routing itself, its matcher and the generated endpoint code took 0.72 MB of the binary's size
/// budget for five literal paths. The matched route is set as the request's endpoint, with its route pattern as
/// diagnostics metadata, so ASP.NET Core's <c>http.server.request.duration</c> still carries <c>http.route</c>.
/// </summary>
internal sealed class RouteTable
{
    private readonly Route[] _routes;

    public RouteTable(params (string Method, string Path, RequestDelegate Handle)[] routes)
        => _routes = Array.ConvertAll(routes, static route => new Route(route.Method, route.Path,
            new Endpoint(route.Handle, new EndpointMetadataCollection(new RouteDiagnostics(route.Path)), route.Method + " " + route.Path)));

    public Task Dispatch(HttpContext context)
    {
        var path = context.Request.Path.Value.AsSpan();
        if (path.Length > 1 && path[^1] == '/')
        {
            path = path[..^1];
        }

        string? allow = null;
        foreach (var route in _routes)
        {
            if (!path.Equals(route.Path, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (HttpMethods.Equals(route.Method, context.Request.Method))
            {
                context.SetEndpoint(route.Endpoint);
                return route.Endpoint.RequestDelegate!(context);
            }

            allow = allow is null ? route.Method : allow + ", " + route.Method;
        }

        context.Response.StatusCode = allow is null ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed;
        if (allow is not null)
        {
            context.Response.Headers.Allow = allow;
        }

        return Task.CompletedTask;
    }

    private sealed record Route(string Method, string Path, Endpoint Endpoint);

    private sealed class RouteDiagnostics(string route) : IRouteDiagnosticsMetadata
    {
        public string Route => route;
    }
}
