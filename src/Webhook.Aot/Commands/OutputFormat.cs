namespace Webhook.Commands;

/// <summary><c>-o text|json</c>: text for people (the default), JSON for scripts and CI.</summary>
public static class OutputFormat
{
    public const string Option = "--output";

    public static readonly IReadOnlyList<string> Names = ["text", "json"];

    /// <summary>Whether <c>-o json</c> was given; a usage error for any format but text and json.</summary>
    public static bool IsJson(CommandLine line) => line.Value(Option) switch
    {
        null or "text" => false,
        "json" => true,
        var other => throw new UsageException("otel-webhook " + line.Command + ": -o " + other + " is not a format; use -o text or -o json"),
    };
}
