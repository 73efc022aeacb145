using Webhook.Crd;

namespace Webhook.Instrumentations;

/// <summary>What validating an Instrumentation found: errors reject it, warnings are shown and it is accepted.</summary>
public sealed class ValidationResult
{
    private readonly List<FieldError> _errors = new();
    private readonly List<string> _warnings = new();

    public IReadOnlyList<FieldError> Errors => _errors;

    public IReadOnlyList<string> Warnings => _warnings;

    public bool IsValid => _errors.Count == 0;

    public void Error(string path, string message) => _errors.Add(new FieldError(path, message));

    public void Warning(string message) => _warnings.Add(message);
}
