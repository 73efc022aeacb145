namespace Webhook.Injection.WebServers;

/// <summary>What the Apache and Nginx modules are told about the app: where to export, which service, which namespace.</summary>
public readonly record struct WebServerModuleSettings(string Endpoint, string ServiceName, string ServiceNamespace);
