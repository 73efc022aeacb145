using System.Reflection;
using System.Runtime.Loader;

namespace Webhook.Generators.Tests.Harness;

/// <summary>A compiled-in-memory assembly in its own collectible load context; dispose to unload it.</summary>
public sealed class LoadedAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    public LoadedAssembly(AssemblyLoadContext context, Assembly assembly, IReadOnlyList<string> warnings)
    {
        _context = context;
        Assembly = assembly;
        Warnings = warnings;
    }

    public Assembly Assembly { get; }

    /// <summary>Compiler warnings, formatted with their file and position.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public Type Type(string fullName)
        => Assembly.GetType(fullName) ?? throw new Xunit.Sdk.XunitException("The compiled output has no type " + fullName);

    /// <summary>Calls a public static method; exceptions thrown inside surface unwrapped.</summary>
    public object? Call(string typeName, string methodName, params object?[] arguments)
    {
        var method = Type(typeName).GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new Xunit.Sdk.XunitException(typeName + " has no public static method " + methodName);
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    public object? StaticField(string typeName, string fieldName)
        => (Type(typeName).GetField(fieldName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new Xunit.Sdk.XunitException(typeName + " has no public static field " + fieldName)).GetValue(null);

    public void Dispose() => _context.Unload();
}
