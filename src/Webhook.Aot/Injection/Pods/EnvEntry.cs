namespace Webhook.Injection.Pods;

/// <summary>
/// One env var: either as the pod wrote it (kept byte for byte while untouched) or added by injection. A value:
/// a list of entries is compared with the pod's own list through <see cref="Origin"/>, not by identity.
/// </summary>
public readonly record struct EnvEntry
{
    private EnvEntry(string name, string? value, string? fieldPath, ReadOnlyMemory<byte> raw, bool hasValueFrom, int origin, bool isModified)
    {
        Name = name;
        Value = value;
        FieldPath = fieldPath;
        Raw = raw;
        HasValueFrom = hasValueFrom;
        Origin = origin;
        IsModified = isModified;
    }

    public string Name { get; }

    /// <summary>The literal value; null when the entry has none.</summary>
    public string? Value { get; }

    /// <summary>For an added <c>valueFrom.fieldRef</c> entry: the field path.</summary>
    public string? FieldPath { get; }

    /// <summary>The original JSON of the entry, or the JSON of an entry copied from an Instrumentation; empty for simple added entries.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    public bool HasValueFrom { get; }

    /// <summary>Where the entry stood in the pod's own env list; -1 for an entry injection added.</summary>
    public int Origin { get; }

    /// <summary>True once injection changed the value of an entry that came with the pod.</summary>
    public bool IsModified { get; }

    public static EnvEntry FromPod(string name, string? value, bool hasValueFrom, ReadOnlyMemory<byte> raw, int origin)
        => new(name, value, null, raw, hasValueFrom, origin, isModified: false);

    public static EnvEntry Literal(string name, string value) => new(name, value, null, default, false, -1, isModified: false);

    public static EnvEntry FieldRef(string name, string fieldPath) => new(name, null, fieldPath, default, true, -1, isModified: false);

    /// <summary>An entry copied from an Instrumentation's env (it may use any valueFrom form).</summary>
    public static EnvEntry Copied(string name, string? value, bool hasValueFrom, ReadOnlyMemory<byte> raw) => new(name, value, null, raw, hasValueFrom, -1, isModified: false);

    /// <summary>The same entry with another value; the rest of its JSON stays as written.</summary>
    public EnvEntry WithValue(string value) => new(Name, value, FieldPath, Raw, HasValueFrom, Origin, isModified: true);
}
