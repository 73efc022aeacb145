namespace Webhook.Injection.Pods;

/// <summary>
/// One env var: either as the pod wrote it (kept byte for byte while untouched) or added by injection.
/// </summary>
public sealed class EnvEntry
{
    private EnvEntry(string name, string? value, string? fieldPath, ReadOnlyMemory<byte> raw, bool hasValueFrom)
    {
        Name = name;
        Value = value;
        FieldPath = fieldPath;
        Raw = raw;
        HasValueFrom = hasValueFrom;
    }

    public string Name { get; }

    /// <summary>The literal value; null when the entry has none.</summary>
    public string? Value { get; private set; }

    /// <summary>For an added <c>valueFrom.fieldRef</c> entry: the field path.</summary>
    public string? FieldPath { get; }

    /// <summary>The original JSON of the entry, or the JSON of an entry copied from an Instrumentation; empty for simple added entries.</summary>
    public ReadOnlyMemory<byte> Raw { get; private set; }

    public bool HasValueFrom { get; }

    /// <summary>True once injection changed the value of an entry that came with the pod.</summary>
    public bool IsModified { get; private set; }

    public static EnvEntry FromPod(string name, string? value, bool hasValueFrom, ReadOnlyMemory<byte> raw) => new(name, value, null, raw, hasValueFrom);

    public static EnvEntry Literal(string name, string value) => new(name, value, null, default, false);

    public static EnvEntry FieldRef(string name, string fieldPath) => new(name, null, fieldPath, default, true);

    /// <summary>An entry copied from an Instrumentation's env (it may use any valueFrom form).</summary>
    public static EnvEntry Copied(string name, string? value, bool hasValueFrom, ReadOnlyMemory<byte> raw) => new(name, value, null, raw, hasValueFrom);

    public void SetValue(string value)
    {
        Value = value;
        IsModified = true;
    }
}
