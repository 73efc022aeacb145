using System.Text;
using Webhook.Generators.Tests.Emitting.Probes;
using Webhook.Generators.Tests.Harness;
using Xunit;

namespace Webhook.Generators.Tests.Emitting;

/// <summary>The generated injection table, compiled and run, checked against <see cref="ReferenceAnnotationTable"/>.</summary>
[Collection(RealSchemaCollection.Name)]
public sealed class CompiledInjectionTableTests(RealSchemaAssembly real)
{
    [Fact]
    public void KeysInFile_RealTable_IncludeEveryReferenceKey()
    {
        var keys = AnnotationCandidates.KeysInFile(RealSchemaFiles.TableText);

        Assert.Superset(ReferenceAnnotationTable.Keys.Select(Encoding.UTF8.GetString).ToHashSet(), keys.ToHashSet());
    }

    [Fact]
    public void TryClassifyAnnotation_EveryKeyAndNearMiss_AgreesWithTheReferenceTable()
    {
        var candidates = AnnotationCandidates.KeysInFile(RealSchemaFiles.TableText)
            .SelectMany(AnnotationCandidates.WithNearMisses)
            .Append([])
            .Append(Encoding.UTF8.GetBytes("instrumentation.opentelemetry.io/"))
            .Append(Encoding.UTF8.GetBytes("inject-java"))
            .ToList();

        var disagreements = candidates
            .Select(key => (Key: Encoding.UTF8.GetString(key), Generated: Classify(key), Reference: ReferenceAnnotationTable.Classify(key)))
            .Where(c => c.Generated != c.Reference)
            .Select(c => "\"" + c.Key + "\": generated " + (c.Generated ?? "none") + ", reference " + (c.Reference ?? "none"))
            .ToList();

        Assert.Empty(disagreements);
        Assert.Equal(18, candidates.Count(key => Classify(key) is not null));
    }

    [Theory]
    [InlineData("java")]
    [InlineData("apache-httpd")]
    [InlineData("sdk")]
    [InlineData("Java")]
    [InlineData("java ")]
    [InlineData("apache_httpd")]
    [InlineData("apachehttpd")]
    [InlineData("ApacheHttpd")]
    [InlineData("")]
    public void TryGetByName_NameOrNearMiss_AgreesWithTheReferenceTable(string name)
    {
        Assert.Equal(ReferenceAnnotationTable.ByName(name), ByName(name));
    }

    [Fact]
    public void TryGetByName_EveryName_FindsItsLanguage()
    {
        Assert.All(ReferenceAnnotationTable.Names, name => Assert.Equal(ReferenceAnnotationTable.ByName(name), ByName(name)));
    }

    [Fact]
    public void All_IndexedByLanguage_IsInInjectionOrder()
    {
        Assert.Equal(
            ["0:Java=java", "1:Nodejs=nodejs", "2:Python=python", "3:Dotnet=dotnet", "4:Go=go", "5:ApacheHttpd=apache-httpd", "6:Nginx=nginx", "7:Sdk=sdk"],
            (string[])real.Loaded.Call(TableProbeSource.TypeName, "All")!);
        Assert.Equal(
            ["Java=java", "Nodejs=nodejs", "Python=python", "Dotnet=dotnet", "Go=go", "ApacheHttpd=apache-httpd", "Nginx=nginx", "Sdk=sdk"],
            (string[])real.Loaded.Call(TableProbeSource.TypeName, "GetEach")!);
    }

    [Fact]
    public void InValidationOrder_RealTable_FollowsValidationOrder()
    {
        Assert.Equal(
            ["java", "nodejs", "python", "dotnet", "apache-httpd", "nginx", "go", "sdk"],
            (string[])real.Loaded.Call(TableProbeSource.TypeName, "InValidationOrder")!);
    }

    private string? Classify(byte[] key) => (string?)real.Loaded.Call(TableProbeSource.TypeName, "Classify", key);

    private string? ByName(string name) => (string?)real.Loaded.Call(TableProbeSource.TypeName, "ByName", name);
}
