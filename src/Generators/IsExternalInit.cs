namespace System.Runtime.CompilerServices;

/// <summary>netstandard2.0 lacks this marker type; records and init-only setters need it.</summary>
internal static class IsExternalInit
{
}
