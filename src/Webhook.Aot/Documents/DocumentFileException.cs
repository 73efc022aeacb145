namespace Webhook.Documents;

/// <summary>A file that is not read as a document, and why: <c>otel.yaml: is a named pipe (FIFO), not a regular file</c>.</summary>
public sealed class DocumentFileException : IOException
{
    public DocumentFileException(string path, string problem)
        : base(path + ": " + problem)
    {
        FilePath = path;
        Problem = problem;
    }

    public string FilePath { get; }

    /// <summary>The message without the path.</summary>
    public string Problem { get; }
}
