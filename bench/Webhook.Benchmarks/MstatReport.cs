using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Webhook.Benchmarks;

/// <summary>
/// <c>--mstat FILE</c>: what takes the space in a NativeAOT binary, from the <c>.mstat</c> file ILC writes with
/// <c>-p:IlcGenerateMstatFile=true</c> (format 2: global methods "Types", "Methods" and "Blobs" whose IL is a list of
/// <c>ldtoken</c>/<c>ldstr</c> followed by sizes, see dotnet/runtime MstatObjectDumper.cs). Code and type structures
/// are summed per assembly and, for the biggest assemblies, per namespace; other data (frozen objects, metadata,
/// stack-trace data…) is listed by node kind.
/// </summary>
public static class MstatReport
{
    public static int Run(string path, TextWriter output, int top = 15)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var version = md.GetAssemblyDefinition().Version;
        if (version.Major != 2)
        {
            output.WriteLine($"mstat: {path} is format {version}; this reader knows format 2 (.NET 8 and later)");
            return 1;
        }

        var global = md.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1));
        var byAssembly = new Dictionary<string, long>(StringComparer.Ordinal);
        var byNamespace = new Dictionary<(string Assembly, string Namespace), long>();
        var blobs = new Dictionary<string, long>(StringComparer.Ordinal);
        long code = 0, types = 0, blobTotal = 0;
        foreach (var handle in global.GetMethods())
        {
            var method = md.GetMethodDefinition(handle);
            var name = md.GetString(method.Name);
            var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
            switch (name)
            {
                case "Types":
                    while (il.RemainingBytes > 0)
                    {
                        var owner = Owner(md, ReadToken(ref il));
                        var size = ReadI4(ref il);
                        ReadI4(ref il); // mangled name index
                        types += size;
                        Add(byAssembly, byNamespace, owner, size);
                    }

                    break;
                case "Methods":
                    while (il.RemainingBytes > 0)
                    {
                        var owner = Owner(md, ReadToken(ref il));
                        var size = ReadI4(ref il) + ReadI4(ref il) + ReadI4(ref il); // code, GC info, EH info
                        ReadI4(ref il);
                        code += size;
                        Add(byAssembly, byNamespace, owner, size);
                    }

                    break;
                case "Blobs":
                    while (il.RemainingBytes > 0)
                    {
                        il.ReadByte(); // ldstr
                        var blobName = md.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF));
                        var size = ReadI4(ref il);
                        blobTotal += size;
                        blobs[blobName] = blobs.GetValueOrDefault(blobName) + size;
                    }

                    break;
            }
        }

        output.WriteLine($"{Path.GetFileName(path)}: code+GC/EH info {MiB(code)}, type structures {MiB(types)}, other data {MiB(blobTotal)}");
        output.WriteLine();
        output.WriteLine("by assembly (code + type structures):");
        foreach (var (assembly, size) in byAssembly.OrderByDescending(p => p.Value).Take(top))
        {
            output.WriteLine($"  {MiB(size),10}  {assembly}");
        }

        output.WriteLine();
        output.WriteLine("by namespace (code + type structures):");
        foreach (var ((assembly, ns), size) in byNamespace.OrderByDescending(p => p.Value).Take(top))
        {
            output.WriteLine($"  {MiB(size),10}  {ns} ({assembly})");
        }

        output.WriteLine();
        output.WriteLine("other data by kind:");
        foreach (var (kind, size) in blobs.OrderByDescending(p => p.Value).Take(top))
        {
            output.WriteLine($"  {MiB(size),10}  {kind}");
        }

        return 0;
    }

    private static string MiB(long bytes) => (bytes / 1048576.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " MiB";

    private static void Add(Dictionary<string, long> byAssembly, Dictionary<(string, string), long> byNamespace, (string Assembly, string Namespace) owner, long size)
    {
        byAssembly[owner.Assembly] = byAssembly.GetValueOrDefault(owner.Assembly) + size;
        byNamespace[owner] = byNamespace.GetValueOrDefault(owner) + size;
    }

    private static EntityHandle ReadToken(ref BlobReader il)
    {
        il.ReadByte(); // ldtoken
        return MetadataTokens.EntityHandle(il.ReadInt32());
    }

    private static int ReadI4(ref BlobReader il)
    {
        // InstructionEncoder.LoadConstantI4 picks the shortest form.
        var opcode = (ILOpCode)il.ReadByte();
        return opcode switch
        {
            >= ILOpCode.Ldc_i4_m1 and <= ILOpCode.Ldc_i4_8 => opcode - ILOpCode.Ldc_i4_0,
            ILOpCode.Ldc_i4_s => il.ReadSByte(),
            ILOpCode.Ldc_i4 => il.ReadInt32(),
            _ => throw new InvalidDataException("unexpected IL opcode " + opcode + " in the mstat file"),
        };
    }

    /// <summary>The assembly and namespace of a type or method token (generic instances count for their definition).</summary>
    private static (string Assembly, string Namespace) Owner(MetadataReader md, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
                var type = md.GetTypeReference((TypeReferenceHandle)handle);
                var scope = type.ResolutionScope;
                while (scope.Kind == HandleKind.TypeReference)
                {
                    var outer = md.GetTypeReference((TypeReferenceHandle)scope);
                    scope = outer.ResolutionScope;
                    if (scope.Kind != HandleKind.TypeReference)
                    {
                        return (AssemblyOf(md, scope), md.GetString(outer.Namespace));
                    }
                }

                return (AssemblyOf(md, scope), md.GetString(type.Namespace));
            case HandleKind.TypeSpecification:
                var signature = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
                return FirstType(md, ref signature);
            case HandleKind.MemberReference:
                return Owner(md, md.GetMemberReference((MemberReferenceHandle)handle).Parent);
            case HandleKind.MethodSpecification:
                return Owner(md, md.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
            default:
                return ("(other)", "");
        }
    }

    /// <summary>The first class or value type named in a type signature: the generic definition, or an array's element.</summary>
    private static (string, string) FirstType(MetadataReader md, ref BlobReader signature)
    {
        while (signature.RemainingBytes > 0)
        {
            var code = signature.ReadSignatureTypeCode();
            switch (code)
            {
                case SignatureTypeCode.TypeHandle:
                    return Owner(md, signature.ReadTypeHandle());
                case SignatureTypeCode.GenericTypeInstance or SignatureTypeCode.SZArray or SignatureTypeCode.Array
                    or SignatureTypeCode.Pointer or SignatureTypeCode.ByReference or SignatureTypeCode.Pinned:
                    continue;
                case SignatureTypeCode.GenericTypeParameter or SignatureTypeCode.GenericMethodParameter:
                    return ("(generic parameter)", "");
                default:
                    return ("System.Private.CoreLib", "System"); // primitives: int[], string[], …
            }
        }

        return ("(other)", "");
    }

    private static string AssemblyOf(MetadataReader md, EntityHandle scope) => scope.Kind switch
    {
        HandleKind.AssemblyReference => md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name),
        HandleKind.ModuleDefinition => "(compiler-generated)",
        _ => "(other)",
    };
}
