using System.Runtime.InteropServices;
using Webhook.Injection.Pods;
using Webhook.Injection.Table;
using Webhook.Injection.Text;

namespace Webhook.Injection.Env;

/// <summary>
/// The env operations of the operator's injection, over a container's env list. "First match" everywhere:
/// a name's first entry is the one read and changed, as the operator does.
/// </summary>
public static class EnvList
{
    // Entries are read in place through a span: the list's indexer would copy each entry (56 bytes) to ask its name,
    // and an injection asks a container's list for a name some twenty times.
    public static int IndexOf(List<EnvEntry> env, string name)
    {
        var entries = CollectionsMarshal.AsSpan(env);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].NameIs(name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the last entry of that name: the definition Kubernetes uses when a name is repeated.</summary>
    public static int LastIndexOf(List<EnvEntry> env, string name)
    {
        var entries = CollectionsMarshal.AsSpan(env);
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (entries[i].NameIs(name))
            {
                return i;
            }
        }

        return -1;
    }

    public static EnvEntry? Find(List<EnvEntry> env, string name) => IndexOf(env, name) is var i and >= 0 ? env[i] : null;

    public static EnvEntry? FindLast(List<EnvEntry> env, string name) => LastIndexOf(env, name) is var i and >= 0 ? env[i] : null;

    public static bool Contains(List<EnvEntry> env, string name) => IndexOf(env, name) >= 0;

    /// <summary>Adds the entry at the end unless one of that name exists. Returns whether it was added.</summary>
    public static bool AppendIfAbsent(List<EnvEntry> env, EnvEntry entry)
    {
        if (Contains(env, entry.Name))
        {
            return false;
        }

        env.Add(entry);
        return true;
    }

    public static bool PrependIfAbsent(List<EnvEntry> env, EnvEntry entry)
    {
        if (Contains(env, entry.Name))
        {
            return false;
        }

        env.Insert(0, entry);
        return true;
    }

    /// <summary>Puts <paramref name="entries"/> in front of the list, in their order, moving the list's entries once.</summary>
    public static void Prepend(List<EnvEntry> env, ReadOnlySpan<EnvEntry> entries)
    {
        var count = env.Count;
        CollectionsMarshal.SetCount(env, count + entries.Length);
        var all = CollectionsMarshal.AsSpan(env);
        all[..count].CopyTo(all[entries.Length..]);
        entries.CopyTo(all);
    }

    /// <summary>Gives the entry at <paramref name="index"/> another value, keeping the rest of it.</summary>
    public static void SetValue(List<EnvEntry> env, int index, string value) => env[index] = env[index].WithValue(value);

    /// <summary>Moves the first entry of that name to the end (so every <c>$(VAR)</c> it references is defined before it).</summary>
    public static void MoveToEnd(List<EnvEntry> env, string name) => MoveEntryToEnd(env, IndexOf(env, name));

    /// <summary>Moves the last entry of that name to the end; a no-op when it is already last.</summary>
    public static void MoveLastToEnd(List<EnvEntry> env, string name) => MoveEntryToEnd(env, LastIndexOf(env, name));

    /// <summary>Moves the entry at <paramref name="index"/> to the end; a no-op when it is already last or the index is -1.</summary>
    public static void MoveToEnd(List<EnvEntry> env, int index) => MoveEntryToEnd(env, index);

    private static void MoveEntryToEnd(List<EnvEntry> env, int index)
    {
        if (index >= 0 && index != env.Count - 1)
        {
            var entry = env[index];
            env.RemoveAt(index);
            env.Add(entry);
        }
    }

    /// <summary>Applies one table rule. Existing entries that use valueFrom are never touched.</summary>
    public static void Apply(List<EnvEntry> env, EnvRule rule, string value, string? suffix)
    {
        var index = IndexOf(env, rule.Name);
        var existing = index >= 0 ? env[index] : default;
        switch (rule.Rule)
        {
            case EnvMergeRule.AppendIfAbsent:
                AppendIfAbsent(env, EnvEntry.Literal(rule.Name, value));
                break;
            case EnvMergeRule.Concatenate:
                if (index < 0)
                {
                    env.Add(EnvEntry.Literal(rule.Name, value));
                }
                else if (!existing.HasValueFrom)
                {
                    SetValue(env, index, TextCache.Concat(existing.Value ?? "", rule.Separator, value));
                }

                break;
            case EnvMergeRule.Prepend:
                if (index < 0)
                {
                    env.Add(EnvEntry.Literal(rule.Name, suffix is null ? value : TextCache.Concat(value, rule.Separator, suffix)));
                }
                else if (!existing.HasValueFrom)
                {
                    SetValue(env, index, suffix is null
                        ? TextCache.Concat(value, rule.Separator, existing.Value ?? "")
                        : TextCache.Concat([value, rule.Separator, existing.Value ?? "", rule.Separator, suffix]));
                }

                break;
            case EnvMergeRule.SetOrReplace:
                if (index < 0)
                {
                    env.Add(EnvEntry.Literal(rule.Name, value));
                }
                else if (existing.HasValueFrom)
                {
                    env[index] = EnvEntry.Literal(rule.Name, value);
                }
                else
                {
                    SetValue(env, index, value);
                }

                break;
        }
    }
}
