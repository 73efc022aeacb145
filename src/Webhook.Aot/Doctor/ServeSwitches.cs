using Webhook.Injection;
using Webhook.Instrumentations;

namespace Webhook.Doctor;

/// <summary>
/// Reads a webhook Deployment's command line and environment as <c>serve</c> would: its language switches and
/// images, or why <c>serve</c> would refuse them. The parser belongs to the commands; <c>doctor</c> is handed it.
/// </summary>
internal delegate ServeSwitches ServeSwitchReader(string[] arguments, Func<string, string?> environment);

internal sealed record ServeSwitches(InjectionSettings? Settings, ImageDefaults? Images, string? Problem);
