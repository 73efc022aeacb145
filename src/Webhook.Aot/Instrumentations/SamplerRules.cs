using Webhook.Crd;

namespace Webhook.Instrumentations;

/// <summary>The sampler part of Instrumentation validation: the argument must suit the sampler type.</summary>
public static class SamplerRules
{
    private const string ArgumentPath = "spec.sampler.argument";

    public static void Check(Sampler? sampler, ValidationResult result)
    {
        var type = sampler?.Type ?? "";
        var argument = sampler?.Argument ?? "";
        switch (type)
        {
            case "":
                result.Warning("spec.sampler", "sampler type not set");
                break;
            case "traceidratio" or "parentbased_traceidratio":
                if (argument.Length > 0)
                {
                    CheckRatio(argument, result);
                }

                break;
            case "jaeger_remote" or "parentbased_jaeger_remote":
                if (argument.Length > 0 && JaegerRemoteProblem(argument) is { } problem)
                {
                    result.Error(ArgumentPath, "spec.sampler.argument is not a valid argument for sampler " + type + ": " + problem);
                }

                break;
            case "always_on" or "always_off" or "parentbased_always_on" or "parentbased_always_off" or "xray":
                break;
            default:
                result.Error("spec.sampler.type", "spec.sampler.type is not valid: " + type);
                break;
        }
    }

    private static void CheckRatio(string argument, ValidationResult result)
    {
        if (!GoFloat.TryParse(argument, out var ratio))
        {
            result.Error(ArgumentPath, "spec.sampler.argument is not a number: " + argument);
        }
        else if (!(ratio >= 0 && ratio <= 1))
        {
            // Written so NaN fails too: the operator lets NaN through because every comparison with it is false.
            result.Error(ArgumentPath, "spec.sampler.argument should be in range [0..1]: " + argument);
        }
    }

    private static string? JaegerRemoteProblem(string argument)
    {
        foreach (var part in argument.Split(','))
        {
            var pair = part.Split('=');
            if (pair.Length != 2)
            {
                return "invalid argument: " + part + ", the argument should be in the form of key=value";
            }

            var (key, value) = (pair[0], pair[1]);
            switch (key)
            {
                case "endpoint" when value.Length == 0:
                    return "endpoint cannot be empty";
                case "pollingIntervalMs" when !long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _):
                    return "invalid pollingIntervalMs: " + value;
                case "initialSamplingRate":
                    if (!GoFloat.TryParse(value, out var rate))
                    {
                        return "invalid initialSamplingRate: " + value;
                    }

                    if (!(rate >= 0 && rate <= 1))
                    {
                        return "initialSamplingRate should be in range [0..1]: " + value;
                    }

                    break;
            }
        }

        return null;
    }
}
