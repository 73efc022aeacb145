using Webhook.Crd;

namespace Webhook.Instrumentations;

/// <summary>What validating an Instrumentation found: errors reject it, warnings are shown and it is accepted.</summary>
public sealed class ValidationResult
{
    private readonly List<FieldError> _errors = new();
    private readonly List<FieldError> _warnings = new();

    public IReadOnlyList<FieldError> Errors => _errors;

    public IReadOnlyList<FieldError> Warnings => _warnings;

    public bool IsValid => _errors.Count == 0;

    public void Error(string path, string message) => _errors.Add(new FieldError(path, message));

    /// <summary>A warning about the field at <paramref name="path"/>; the message says it in full, path included where it reads better.</summary>
    public void Warning(string path, string message) => _warnings.Add(new FieldError(path, message));
}
