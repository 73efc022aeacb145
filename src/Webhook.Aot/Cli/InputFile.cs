namespace Webhook.Cli;

/// <summary>Reads the text behind <c>-f FILE</c>, where <c>-</c> means standard input.</summary>
public static class InputFile
{
    public static (string Text, string Name) Read(string? path, string command)
    {
        if (path is null)
        {
            throw new UsageException("otel-webhook " + command + ": -f FILE is required (use -f - to read standard input)");
        }

        if (path == "-")
        {
            return (Console.In.ReadToEnd(), "<stdin>");
        }

        if (!File.Exists(path))
        {
            throw new UsageException("otel-webhook " + command + ": file '" + path + "' does not exist");
        }

        return (File.ReadAllText(path), path);
    }
}
