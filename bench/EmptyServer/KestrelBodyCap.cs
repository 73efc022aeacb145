namespace Webhook.Hosting;

/// <summary>The one constant the linked KestrelLimits.cs reads from the webhook's options: its body cap (RequestBody.MaxBytes).</summary>
internal static class ServeOptions
{
    public const int MaxRequestBytes = 7 * 1024 * 1024;
}
