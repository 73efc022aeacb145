namespace Webhook.Sources;

/// <summary>
/// One file of the instrumentations folder as read just now: its text, or why it could not be read. The
/// fingerprint is the content hash (or the read error), so an unchanged file is recognised whatever its timestamps.
/// </summary>
internal sealed record FolderFile(string Name, string Fingerprint, string? Text, string? ReadError);
