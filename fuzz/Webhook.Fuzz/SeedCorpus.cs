using System.Globalization;
using Webhook.Tests.Reliability;

namespace Webhook.Fuzz;

/// <summary>Writes one seed per context (<see cref="FuzzInput"/>): its selector byte, then its well-formed review.</summary>
internal static class SeedCorpus
{
    public static int Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var contexts = FuzzInput.Contexts;
        for (var i = 0; i < contexts.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{i:D3}-{contexts[i].Name}");
            File.WriteAllBytes(Path.Combine(folder, name), [(byte)i, .. contexts[i].Bytes]);
        }

        return contexts.Count;
    }
}
