using Webhook.Crd;
using Webhook.Injection.Env;
using Webhook.Injection.Pods;
using Webhook.Injection.Table;

namespace Webhook.Injection.Snapshot;

/// <summary>
/// The parts of an injection from one Instrumentation that are the same for every pod, written as JSON once per
/// snapshot so that an admission copies them: the common env (<c>spec.env</c>) and the SDK entries set from the
/// Instrumentation alone (exporter endpoint, propagators, sampler), eagerly; each language's parts
/// (<see cref="PrebuiltLanguage"/>) when a pod first asks for that language. A snapshot keeps one per Instrumentation
/// it holds and drops them with itself, so a changed Instrumentation (a new snapshot) never gets an older one's
/// bytes, and the memory is a fixed multiple of the snapshot's own: at most one set of bytes per Instrumentation,
/// language and platform option.
/// </summary>
public sealed class PrebuiltInstrumentation
{
    private readonly Instrumentation _instrumentation;

    /// <summary>Per table language, per platform option (one slot for a language without platform annotation).</summary>
    private readonly PrebuiltLanguage?[][] _languages;

    public PrebuiltInstrumentation(Instrumentation instrumentation)
    {
        _instrumentation = instrumentation;
        var spec = instrumentation.Spec;
        CommonEnv = PrewrittenEnv.Copies(spec?.Env);
        Endpoint = spec?.Exporter?.Endpoint is { Length: > 0 } endpoint ? PrewrittenEnv.Literal("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint) : null;
        Propagators = spec?.Propagators is { Count: > 0 } propagators ? PrewrittenEnv.Literal("OTEL_PROPAGATORS", string.Join(',', propagators)) : null;
        if (spec?.Sampler?.Type is { Length: > 0 } sampler)
        {
            if (spec.Sampler.Argument is { Length: > 0 } argument)
            {
                // Side by side, as they are added: copied in one piece.
                var both = PrewrittenEnv.Adjacent(EnvEntry.Literal("OTEL_TRACES_SAMPLER", sampler), EnvEntry.Literal("OTEL_TRACES_SAMPLER_ARG", argument));
                (Sampler, SamplerArgument) = (both[0], both[1]);
            }
            else
            {
                Sampler = PrewrittenEnv.Literal("OTEL_TRACES_SAMPLER", sampler);
            }
        }

        _languages = new PrebuiltLanguage?[InjectionTable.All.Length][];
        foreach (var rule in InjectionTable.All)
        {
            _languages[(int)rule.Language] = new PrebuiltLanguage?[Math.Max(1, rule.Platform?.Options.Length ?? 0)];
        }
    }

    /// <summary><c>spec.env</c>, as written.</summary>
    public EnvEntry[] CommonEnv { get; }

    public EnvEntry? Endpoint { get; }

    public EnvEntry? Propagators { get; }

    public EnvEntry? Sampler { get; }

    public EnvEntry? SamplerArgument { get; }

    /// <summary>
    /// <paramref name="rule"/>'s parts with the platform option at <paramref name="platformOption"/> (0 for a language
    /// without one); built on first use. Two threads may both build it; either result is the same bytes.
    /// </summary>
    public PrebuiltLanguage Language(LanguageRule rule, int platformOption)
    {
        var slots = _languages[(int)rule.Language];
        if (slots[platformOption] is { } built)
        {
            return built;
        }

        var placeholders = rule.Platform is { } platform ? platform.Options[platformOption].Placeholders : [];
        var prebuilt = PrebuiltLanguage.Build(_instrumentation, rule, placeholders);
        return Interlocked.CompareExchange(ref slots[platformOption], prebuilt, null) ?? prebuilt;
    }
}
