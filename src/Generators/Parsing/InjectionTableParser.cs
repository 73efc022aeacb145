using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Webhook.Generators.Diagnostics;
using Webhook.Generators.Model;

namespace Webhook.Generators.Parsing;

/// <summary>Reads <c>schema/languages.json</c> into the table model, reporting every mistake with its line.</summary>
public sealed class InjectionTableParser
{
    public static readonly string[] Hooks = { "none", "goSidecar", "apacheHttpd", "nginx" };
    public static readonly string[] Rules = { "appendIfAbsent", "concatenate", "prepend", "setOrReplace" };
    public static readonly string[] Stages = { "language", "afterCommon" };
    public static readonly string[] GuardScopes = { "container", "languageEnv" };

    private readonly string _filePath;
    private readonly List<DiagnosticInfo> _diagnostics = new();

    private InjectionTableParser(string filePath) => _filePath = filePath;

    public static LanguageTableParseResult Parse(string filePath, SourceText? text, CancellationToken cancellationToken)
    {
        var parser = new InjectionTableParser(filePath);
        var table = parser.ParseDocument(text?.ToString() ?? "", cancellationToken);
        return new LanguageTableParseResult(parser._diagnostics.Count == 0 ? table : null, new EquatableArray<DiagnosticInfo>(parser._diagnostics));
    }

    private LanguageTable? ParseDocument(string text, CancellationToken cancellationToken)
    {
        JsonValue root;
        try
        {
            root = JsonCursor.Parse(text, cancellationToken);
        }
        catch (JsonSyntaxException e)
        {
            Report(Descriptors.TableInvalidJson, e.Line, e.Column, _filePath, "line " + e.Line.ToString(CultureInfo.InvariantCulture) + ": " + e.Message);
            return null;
        }

        var top = Object(root, "the table");
        if (top is null)
        {
            return null;
        }

        top.Optional("$comment");
        var prefix = top.String("annotationPrefix");
        var containerNames = top.String("containerNamesAnnotation");
        var volumeSize = top.String("defaultVolumeSizeLimit");
        var multi = top.Child("multiInstrumentation") is { } multiValue ? Switch(multiValue, "multiInstrumentation") : null;
        var languages = new List<LanguageEntry>();
        var firstLineByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in top.Array("languages"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = Language(item);
            if (entry is null)
            {
                continue;
            }

            if (firstLineByName.TryGetValue(entry.Name, out var firstLine))
            {
                Report(Descriptors.TableDuplicateLanguage, item.Line, item.Column, entry.Name,
                    firstLine.ToString(CultureInfo.InvariantCulture), item.Line.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            firstLineByName[entry.Name] = item.Line;
            languages.Add(entry);
        }

        top.ReportUnknown();
        CheckOrders(languages, root);
        if (prefix is null || containerNames is null || volumeSize is null || multi is null)
        {
            return null;
        }

        languages.Sort(static (a, b) => a.InjectionOrder.CompareTo(b.InjectionOrder)); // File order is layout: moving an entry must not re-emit.
        return new LanguageTable(prefix, containerNames, volumeSize, multi, new EquatableArray<LanguageEntry>(languages));
    }

    private LanguageEntry? Language(JsonValue value)
    {
        var o = Object(value, "a language entry");
        if (o is null)
        {
            return null;
        }

        var name = o.String("name");
        var displayName = o.String("displayName");
        var specField = o.OptionalString("specField");
        var inject = o.String("injectAnnotation");
        var containerNames = o.String("containerNamesAnnotation");
        var switchSpec = o.Child("switch", optional: true) is { } s ? Switch(s, "switch") : null;
        var image = o.Child("image", optional: true) is { } i ? Image(i) : null;
        var blocked = new List<BlockedUpgradeSpec>();
        foreach (var item in o.Array("blockedUpgrades", optional: true))
        {
            var b = Object(item, "a blockedUpgrades entry");
            var version = b?.String("version");
            var message = b?.String("message");
            if (version is not null && message is not null)
            {
                blocked.Add(new BlockedUpgradeSpec(version, message));
            }

            b?.ReportUnknown();
        }

        var resourcesField = o.OptionalString("resourcesField");
        var limits = EquatableArray<NamedValue>.Empty;
        var requests = EquatableArray<NamedValue>.Empty;
        if (o.Child("resources", optional: true) is { } resources)
        {
            if (Object(resources, "resources") is { } r)
            {
                limits = r.Child("limits") is { } l ? Pairs(l) : limits;
                requests = r.Child("requests") is { } q ? Pairs(q) : requests;
                r.ReportUnknown();
            }
        }

        var specDefaults = o.Child("specDefaults", optional: true) is { } d ? Pairs(d) : EquatableArray<NamedValue>.Empty;
        var injectionOrder = o.Int("injectionOrder");
        var validationOrder = o.Int("validationOrder");
        var hook = o.OneOf("hook", Hooks);
        var initTargets = o.Bool("supportsInitContainerTargets");
        var otlpProtocols = Strings(o.Child("otlpProtocols", optional: true));
        var runtimeImages = Strings(o.Child("runtimeImages", optional: true));
        var platform = o.Child("platform", optional: true) is { } p ? Platform(p) : null;
        var volume = o.Child("volume", optional: true) is { } v ? Volume(v) : null;
        var init = o.Child("initContainer", optional: true) is { } ic ? InitContainer(ic) : null;
        var mountPath = o.OptionalString("containerMountPath");
        var valueFrom = Strings(o.Child("skipWhenValueFrom", optional: true));
        var guards = new List<PresenceGuardSpec>();
        foreach (var guard in o.Array("skipWhenPresent", optional: true))
        {
            var g = Object(guard, "a skipWhenPresent entry");
            var guardName = g?.String("name");
            var scope = g?.OneOf("in", GuardScopes);
            var reason = g?.String("reason");
            if (guardName is not null && scope is not null && reason is not null)
            {
                guards.Add(new PresenceGuardSpec(guardName, scope, reason));
            }

            g?.ReportUnknown();
        }

        var env = new List<EnvSpec>();
        foreach (var item in o.Array("env", optional: true))
        {
            if (Env(item, platform) is { } spec)
            {
                env.Add(spec);
            }
        }

        var messages = o.Child("messages") is { } m ? Messages(m) : null;
        o.ReportUnknown();
        if (name is null || displayName is null || inject is null || containerNames is null || injectionOrder is null
            || validationOrder is null || hook is null || initTargets is null || messages is null)
        {
            return null;
        }

        return new LanguageEntry(
            name, displayName, specField, inject, containerNames, switchSpec, image, new EquatableArray<BlockedUpgradeSpec>(blocked), resourcesField, limits, requests, specDefaults,
            injectionOrder.Value, validationOrder.Value, hook, initTargets.Value, otlpProtocols, runtimeImages, platform, volume, init, mountPath,
            valueFrom, new EquatableArray<PresenceGuardSpec>(guards), new EquatableArray<EnvSpec>(env), messages);
    }

    private EnvSpec? Env(JsonValue value, PlatformSpec? platform)
    {
        var o = Object(value, "an env entry");
        if (o is null)
        {
            return null;
        }

        var name = o.String("name");
        var envValue = o.String("value");
        var rule = o.OneOf("rule", Rules);
        var separator = o.OptionalString("separator") ?? "";
        var suffix = o.OptionalString("suffix");
        var stage = o.OneOf("stage", Stages);
        o.ReportUnknown();
        if (envValue is not null)
        {
            CheckPlaceholders(value, envValue, platform);
        }

        return name is null || envValue is null || rule is null || stage is null ? null : new EnvSpec(name, envValue, rule, separator, suffix, stage);
    }

    /// <summary>Every <c>{placeholder}</c> in a value must be <c>{container}</c> or one that each platform value fills.</summary>
    private void CheckPlaceholders(JsonValue where, string text, PlatformSpec? platform)
    {
        var start = text.IndexOf('{');
        while (start >= 0)
        {
            var end = text.IndexOf('}', start);
            if (end < 0)
            {
                return;
            }

            var placeholder = text.Substring(start + 1, end - start - 1);
            if (placeholder != "container" && !PlatformFills(platform, placeholder) && !LooksLikeGuid(placeholder))
            {
                Report(Descriptors.TableBadValue, where.Line, where.Column, "env value \"" + text + "\"",
                    "placeholder {" + placeholder + "} is not {container} and no platform value defines it");
            }

            start = text.IndexOf('{', end);
        }
    }

    private static bool LooksLikeGuid(string text) => text.Length == 36 && text[8] == '-' && text[13] == '-';

    private static bool PlatformFills(PlatformSpec? platform, string placeholder)
    {
        if (platform is null || platform.Values.Count == 0)
        {
            return false;
        }

        foreach (var value in platform.Values)
        {
            var found = false;
            foreach (var pair in value.Placeholders)
            {
                found |= pair.Name == placeholder;
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private SwitchSpec? Switch(JsonValue value, string what)
    {
        var o = Object(value, what);
        if (o is null)
        {
            return null;
        }

        var flag = o.String("flag");
        var env = o.String("env");
        var defaultValue = o.Bool("default");
        o.ReportUnknown();
        return flag is null || env is null || defaultValue is null ? null : new SwitchSpec(flag, env, defaultValue.Value);
    }

    private ImageSpec? Image(JsonValue value)
    {
        var o = Object(value, "image");
        if (o is null)
        {
            return null;
        }

        var defaultImage = o.String("default");
        var flag = o.String("flag");
        var env = o.String("env");
        var annotation = o.String("defaultImageAnnotation");
        o.ReportUnknown();
        return defaultImage is null || flag is null || env is null || annotation is null ? null : new ImageSpec(defaultImage, flag, env, annotation);
    }

    private PlatformSpec? Platform(JsonValue value)
    {
        var o = Object(value, "platform");
        if (o is null)
        {
            return null;
        }

        var annotation = o.String("annotation");
        var defaultValue = o.String("default");
        var values = new List<PlatformValue>();
        var valuesNode = o.Child("values");
        if (valuesNode is not null && valuesNode.Kind != JsonKind.Object)
        {
            Report(Descriptors.TableBadValue, valuesNode.Line, valuesNode.Column, "\"values\"", "must be an object of platform value: placeholders, not " + valuesNode.Describe());
        }
        else if (valuesNode is { } map)
        {
            foreach (var member in map.Members)
            {
                values.Add(new PlatformValue(member.Name, Pairs(member.Value)));
            }
        }

        o.ReportUnknown();
        return annotation is null || defaultValue is null ? null : new PlatformSpec(annotation, defaultValue, new EquatableArray<PlatformValue>(values));
    }

    private VolumeSpec? Volume(JsonValue value)
    {
        var o = Object(value, "volume");
        if (o is null)
        {
            return null;
        }

        var name = o.String("name");
        var claim = o.Bool("claimTemplate");
        var size = o.Bool("sizeLimit");
        o.ReportUnknown();
        return name is null || claim is null || size is null ? null : new VolumeSpec(name, claim.Value, size.Value);
    }

    private InitContainerSpec? InitContainer(JsonValue value)
    {
        var o = Object(value, "initContainer");
        if (o is null)
        {
            return null;
        }

        var name = o.String("name");
        var command = Strings(o.Child("command"));
        var mountPath = o.String("mountPath");
        o.ReportUnknown();
        return name is null || mountPath is null ? null : new InitContainerSpec(name, command, mountPath);
    }

    private MessagesSpec? Messages(JsonValue value)
    {
        var o = Object(value, "messages");
        if (o is null)
        {
            return null;
        }

        var disabled = o.OptionalString("disabled");
        var injecting = o.String("injecting");
        var skipping = o.OptionalString("skipping");
        o.ReportUnknown();
        return injecting is null ? null : new MessagesSpec(disabled, injecting, skipping);
    }

    private EquatableArray<NamedValue> Pairs(JsonValue value)
    {
        var pairs = new List<NamedValue>();
        if (value.Kind != JsonKind.Object)
        {
            Report(Descriptors.TableBadValue, value.Line, value.Column, "this value", "must be an object of name: \"text\" pairs, not " + value.Describe());
            return EquatableArray<NamedValue>.Empty;
        }

        foreach (var member in value.Members)
        {
            if (member.Value.Kind != JsonKind.String)
            {
                Report(Descriptors.TableBadValue, member.Line, member.Column, "\"" + member.Name + "\"", "must be a string, not " + member.Value.Describe());
                continue;
            }

            pairs.Add(new NamedValue(member.Name, member.Value.Text));
        }

        return new EquatableArray<NamedValue>(pairs);
    }

    private EquatableArray<string> Strings(JsonValue? value)
    {
        var items = new List<string>();
        if (value is null)
        {
            return EquatableArray<string>.Empty;
        }

        if (value.Kind != JsonKind.Array)
        {
            Report(Descriptors.TableBadValue, value.Line, value.Column, "this value", "must be a list of strings, not " + value.Describe());
            return EquatableArray<string>.Empty;
        }

        foreach (var item in value.Items)
        {
            if (item.Kind != JsonKind.String)
            {
                Report(Descriptors.TableBadValue, item.Line, item.Column, "this list item", "must be a string, not " + item.Describe());
                continue;
            }

            items.Add(item.Text);
        }

        return new EquatableArray<string>(items);
    }

    private void CheckOrders(List<LanguageEntry> languages, JsonValue root)
    {
        var injection = new HashSet<int>();
        var validation = new HashSet<int>();
        foreach (var language in languages)
        {
            var injectionRepeats = !injection.Add(language.InjectionOrder);
            var validationRepeats = !validation.Add(language.ValidationOrder);
            if (injectionRepeats || validationRepeats)
            {
                Report(Descriptors.TableBadValue, root.Line, root.Column, "language \"" + language.Name + "\"",
                    "its injectionOrder or validationOrder repeats another language's; give each language its own position");
            }
        }
    }

    private TableObject? Object(JsonValue value, string what)
    {
        if (value.Kind == JsonKind.Object)
        {
            return new TableObject(this, value);
        }

        Report(Descriptors.TableBadValue, value.Line, value.Column, what, "must be an object, not " + value.Describe());
        return null;
    }

    private void Report(DiagnosticDescriptor descriptor, int line, int column, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, new LocationInfo(_filePath, line, column), arguments));

    /// <summary>One JSON object of the table: typed getters that report what is missing or wrong, then what was unknown.</summary>
    private sealed class TableObject
    {
        private readonly InjectionTableParser _parser;
        private readonly JsonValue _value;
        private readonly List<string> _known = new();

        public TableObject(InjectionTableParser parser, JsonValue value)
        {
            _parser = parser;
            _value = value;
        }

        public void Optional(string name) => _known.Add(name);

        public JsonValue? Child(string name, bool optional = false)
        {
            _known.Add(name);
            var child = _value.Get(name);
            if (child is null && !optional)
            {
                Missing(name);
            }

            return child;
        }

        public string? String(string name) => Scalar(name, JsonKind.String, optional: false)?.Text;

        public string? OptionalString(string name) => Scalar(name, JsonKind.String, optional: true)?.Text;

        public bool? Bool(string name)
        {
            _known.Add(name);
            var child = _value.Get(name);
            if (child is null)
            {
                Missing(name);
                return null;
            }

            if (!child.IsBoolean)
            {
                Wrong(name, child, "true or false");
                return null;
            }

            return child.Kind == JsonKind.True;
        }

        public int? Int(string name)
        {
            var child = Scalar(name, JsonKind.Number, optional: false);
            if (child is null)
            {
                return null;
            }

            if (!int.TryParse(child.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result))
            {
                Wrong(name, child, "a whole number");
                return null;
            }

            return result;
        }

        public string? OneOf(string name, string[] allowed)
        {
            var text = String(name);
            if (text is not null && System.Array.IndexOf(allowed, text) < 0)
            {
                var child = _value.Get(name)!;
                _parser.Report(Descriptors.TableBadValue, child.Line, child.Column, "\"" + name + "\"",
                    "\"" + text + "\" is not one of " + string.Join(", ", allowed));
                return null;
            }

            return text;
        }

        public List<JsonValue> Array(string name, bool optional = false)
        {
            var child = Child(name, optional);
            if (child is null)
            {
                return new List<JsonValue>();
            }

            if (child.Kind != JsonKind.Array)
            {
                Wrong(name, child, "a list");
                return new List<JsonValue>();
            }

            return child.Items;
        }

        public void ReportUnknown()
        {
            foreach (var member in _value.Members)
            {
                if (!_known.Contains(member.Name))
                {
                    _parser.Report(Descriptors.TableUnknownField, member.Line, member.Column, _parser._filePath, member.Name, string.Join(", ", _known));
                }
            }
        }

        private JsonValue? Scalar(string name, JsonKind kind, bool optional)
        {
            _known.Add(name);
            var child = _value.Get(name);
            if (child is null)
            {
                if (!optional)
                {
                    Missing(name);
                }

                return null;
            }

            if (child.Kind != kind)
            {
                Wrong(name, child, kind == JsonKind.String ? "a string" : "a number");
                return null;
            }

            return child;
        }

        private void Missing(string name)
            => _parser.Report(Descriptors.TableMissingField, _value.Line, _value.Column, _parser._filePath, "\"" + name + "\"");

        private void Wrong(string name, JsonValue child, string expected)
            => _parser.Report(Descriptors.TableBadValue, child.Line, child.Column, "\"" + name + "\"", "must be " + expected + ", not " + child.Describe());
    }
}
