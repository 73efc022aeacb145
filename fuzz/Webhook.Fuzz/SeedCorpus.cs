using System.Globalization;
using Webhook.Tests.Reliability;

namespace Webhook.Fuzz;

/// <summary>Writes one seed per context (<see cref="FuzzInput"/>): its selector byte, then its well-formed review; then odd pod shapes.</summary>
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

        // The shapes the API server never sends (wrong-typed entries, repeated keys, bytes that are not UTF-8 in
        // copied objects), made from the first context's review: starting points the mutator rarely finds alone.
        var shapes = ReviewMutations.PodShapes(contexts[0].Review).ToList();
        for (var i = 0; i < shapes.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"shape-{i:D3}")), [0, .. shapes[i].Body]);
        }

        return contexts.Count + shapes.Count;
    }
}
