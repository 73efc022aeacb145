namespace Webhook.Sources;

/// <summary>The <c>type</c> of a watch event.</summary>
internal enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}
