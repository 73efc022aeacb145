namespace Webhook.Json;

/// <summary>A JSON Patch that cannot be applied; the message names the operation and the path.</summary>
public sealed class JsonPatchException(string message) : Exception(message);
