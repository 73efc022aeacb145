namespace Webhook.Generators;

/// <summary>Names of pipeline steps, so tests can check which steps ran and which were cached.</summary>
public static class TrackingNames
{
    public const string CrdFiles = nameof(CrdFiles);
    public const string CrdParsed = nameof(CrdParsed);
    public const string CrdSpec = nameof(CrdSpec);
    public const string InjectionTableFiles = nameof(InjectionTableFiles);
    public const string InjectionTableParsed = nameof(InjectionTableParsed);
    public const string InjectionTable = nameof(InjectionTable);
}
