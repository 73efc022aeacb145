namespace Webhook.Documents;

/// <summary>What a path is, as far as reading it as a document goes: only a regular file is read.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    NamedPipe,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}
