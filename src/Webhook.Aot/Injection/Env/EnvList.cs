using Webhook.Injection.Pods;

namespace Webhook.Injection.Env;

/// <summary>
/// The env operations of the operator's injection, over a container's env list. "First match" everywhere:
/// a name's first entry is the one read and changed, as the operator does.
/// </summary>
public static class EnvList
{
    public static EnvEntry? Find(List<EnvEntry> env, string name)
    {
        foreach (var entry in env)
        {
            if (entry.Name == name)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The last entry of that name: the definition Kubernetes uses when a name is repeated.</summary>
    public static EnvEntry? FindLast(List<EnvEntry> env, string name)
    {
        for (var i = env.Count - 1; i >= 0; i--)
        {
            if (env[i].Name == name)
            {
                return env[i];
            }
        }

        return null;
    }

    public static bool Contains(List<EnvEntry> env, string name) => Find(env, name) is not null;

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

    /// <summary>Moves the first entry of that name to the end (so every <c>$(VAR)</c> it references is defined before it).</summary>
    public static void MoveToEnd(List<EnvEntry> env, string name) => MoveEntryToEnd(env, Find(env, name));

    /// <summary>Moves the last entry of that name to the end; a no-op when it is already last.</summary>
    public static void MoveLastToEnd(List<EnvEntry> env, string name) => MoveEntryToEnd(env, FindLast(env, name));

    private static void MoveEntryToEnd(List<EnvEntry> env, EnvEntry? entry)
    {
        if (entry is not null && !ReferenceEquals(env[^1], entry))
        {
            env.Remove(entry);
            env.Add(entry);
        }
    }

    /// <summary>Applies one table rule. Existing entries that use valueFrom are never touched.</summary>
    public static void Apply(List<EnvEntry> env, EnvRule rule, string value, string? suffix)
    {
        var existing = Find(env, rule.Name);
        switch (rule.Rule)
        {
            case EnvMergeRule.AppendIfAbsent:
                AppendIfAbsent(env, EnvEntry.Literal(rule.Name, value));
                break;
            case EnvMergeRule.Concatenate:
                if (existing is null)
                {
                    env.Add(EnvEntry.Literal(rule.Name, value));
                }
                else if (!existing.HasValueFrom)
                {
                    existing.SetValue((existing.Value ?? "") + rule.Separator + value);
                }

                break;
            case EnvMergeRule.Prepend:
                if (existing is null)
                {
                    env.Add(EnvEntry.Literal(rule.Name, suffix is null ? value : value + rule.Separator + suffix));
                }
                else if (!existing.HasValueFrom)
                {
                    var wrapped = value + rule.Separator + (existing.Value ?? "");
                    existing.SetValue(suffix is null ? wrapped : wrapped + rule.Separator + suffix);
                }

                break;
            case EnvMergeRule.SetOrReplace:
                if (existing is null || existing.HasValueFrom)
                {
                    if (existing is not null)
                    {
                        env[env.IndexOf(existing)] = EnvEntry.Literal(rule.Name, value);
                    }
                    else
                    {
                        env.Add(EnvEntry.Literal(rule.Name, value));
                    }
                }
                else
                {
                    existing.SetValue(value);
                }

                break;
        }
    }
}
