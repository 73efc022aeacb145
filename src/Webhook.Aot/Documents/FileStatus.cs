using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Webhook.Documents;

/// <summary>
/// The type and size of a file from Linux <c>statx(2)</c>, and an open that cannot block: .NET has neither (its
/// open of a named pipe waits for a writer, and it does not tell a pipe or a device from a regular file).
/// <c>struct statx</c> has one layout on every architecture, unlike <c>struct stat</c>.
/// </summary>
internal static partial class FileStatus
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;

    // open(2) flags, the same on x64 and arm64.
    private const int ReadOnly = 0x0;
    private const int NonBlocking = 0x800;
    private const int NoControllingTerminal = 0x100;
    private const int CloseOnExec = 0x80000;

    /// <summary>What <paramref name="path"/> is, following symlinks; throws <see cref="IOException"/> when it cannot be looked at.</summary>
    public static (FileKind Kind, long Size) Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Only Linux is supported; elsewhere (a developer's machine) the plain .NET view is good enough.
            var info = new FileInfo(path);
            return info.Exists ? (FileKind.Regular, info.Length) : throw new FileNotFoundException("no such file", path);
        }

        return Statx(AtFdCwd, path, 0, StatxType | StatxSize, out var status) == 0 ? Read(status) : throw LastError(path);
    }

    /// <summary>What the open file behind <paramref name="handle"/> is.</summary>
    public static (FileKind Kind, long Size) Of(SafeFileHandle handle, string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (FileKind.Regular, RandomAccess.GetLength(handle));
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxType | StatxSize, out var status) == 0 ? Read(status) : throw LastError(path);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading without waiting: a named pipe swapped in since it was looked at opens
    /// at once instead of blocking until a writer comes (and is then refused by its type).
    /// </summary>
    public static SafeFileHandle OpenForReading(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }

        var descriptor = Open(path, ReadOnly | NonBlocking | NoControllingTerminal | CloseOnExec);
        return descriptor >= 0 ? new SafeFileHandle(descriptor, ownsHandle: true) : throw LastError(path);
    }

    private static (FileKind Kind, long Size) Read(in StatxBuffer status) => ((status.Mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0x1000 => FileKind.NamedPipe,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    }, (long)status.Size);

    private static IOException LastError(string path)
    {
        const int NoSuchFile = 2;
        var error = Marshal.GetLastPInvokeError();
        var message = Marshal.GetPInvokeErrorMessage(error);
        return error == NoSuchFile ? new FileNotFoundException(message, path) : new IOException(message);
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer status);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    /// <summary>The fields read of <c>struct statx</c> (256 bytes, the same on every Linux architecture).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(40)]
        public ulong Size;
    }
}
