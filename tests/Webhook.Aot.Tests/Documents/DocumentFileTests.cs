using Webhook.Documents;
using Webhook.Tests.Support;

namespace Webhook.Tests.Documents;

/// <summary>Reading a document file at bounded cost: regular files only, never past the cap, never waiting on a pipe.</summary>
public sealed class DocumentFileTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly string _folder = Directory.CreateTempSubdirectory("document-file-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_RegularFileThroughSymlink_ReturnsItsBytes()
    {
        var target = Path.Combine(_folder, "target.yaml");
        File.WriteAllText(target, "kind: Instrumentation\n");
        var link = Path.Combine(_folder, "link.yaml");
        File.CreateSymbolicLink(link, target);

        Assert.Equal("kind: Instrumentation\n"u8.ToArray(), DocumentFile.Read(link, 1024));
    }

    [Fact]
    public void Read_ExactlyAtTheCap_IsRead()
    {
        var path = Path.Combine(_folder, "full.yaml");
        File.WriteAllBytes(path, new byte[1024]);

        Assert.Equal(1024, DocumentFile.Read(path, 1024).Length);
    }

    [Fact]
    public void Read_OneByteOverTheCap_RefusedNamingSizeAndCap()
    {
        var path = Path.Combine(_folder, "big.yaml");
        File.WriteAllBytes(path, new byte[(2 * 1024 * 1024) + 1]);

        var error = Assert.Throws<DocumentFileException>(() => DocumentFile.Read(path, 2 * 1024 * 1024));

        Assert.Equal(path + ": is 2,097,153 bytes, over the 2 MiB a file may have; split it into smaller files", error.Message);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Read_NamedPipe_RefusedWithoutWaitingForAWriter()
    {
        var path = Path.Combine(_folder, "pipe.yaml");
        HostileFiles.MakeFifo(path);

        var error = HostileFiles.Within(Limit, () => Assert.Throws<DocumentFileException>(() => DocumentFile.Read(path, 1024)), "reading a named pipe");

        Assert.Equal(path + ": is a named pipe (FIFO), not a regular file", error.Message);
    }

    [Fact]
    public void Read_SymlinkToDevZero_RefusedNamingTheTarget()
    {
        var link = Path.Combine(_folder, "zero.yaml");
        File.CreateSymbolicLink(link, "/dev/zero");

        var error = HostileFiles.Within(Limit, () => Assert.Throws<DocumentFileException>(() => DocumentFile.Read(link, 1024)), "reading /dev/zero");

        Assert.Equal(link + ": is a character device (a symlink to /dev/zero), not a regular file", error.Message);
    }

    [Fact]
    public void Read_Folder_Refused()
    {
        var error = Assert.Throws<DocumentFileException>(() => DocumentFile.Read(_folder, 1024));

        Assert.Contains("is a folder, not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Missing_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => DocumentFile.Read(Path.Combine(_folder, "missing.yaml"), 1024));
    }

    [Fact]
    public void Read_EndlessStream_StoppedOneByteAfterTheCap()
    {
        using var endless = new EndlessStream();

        var error = HostileFiles.Within(Limit, () => Assert.Throws<DocumentFileException>(() => DocumentFile.Read(endless, "<stdin>", 4 * 1024 * 1024)),
            "reading an endless stream");

        Assert.Equal("<stdin>: is more than 4 MiB; split it into smaller files", error.Message);
        Assert.Equal((4 * 1024 * 1024) + 1, endless.Position);
    }

    [Fact]
    public void Read_StreamWithinTheCap_ReturnsAllOfIt()
    {
        var bytes = new byte[10_000];
        Random.Shared.NextBytes(bytes);

        Assert.Equal(bytes, DocumentFile.Read(new MemoryStream(bytes), "<stdin>", 10_000));
    }

    /// <summary>Zeros for ever, in short reads as a pipe gives them; counts what was read.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = Math.Min(count, 4096);
            Array.Clear(buffer, offset, read);
            Position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
