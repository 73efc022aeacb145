using Microsoft.CodeAnalysis.Text;
using Webhook.Generators.Model;
using Webhook.Generators.Parsing;
using Webhook.Generators.Tests.Harness;
using Webhook.Generators.Tests.Inputs;
using Xunit;

namespace Webhook.Generators.Tests.Parsing;

public sealed class InjectionTableParserTests
{
    private const string FilePath = "/repo/languages.json";

    [Fact]
    public void Parse_RealTable_HasTheEightLanguagesInInjectionOrder()
    {
        var table = ParseValid(RealSchemaFiles.TableText);

        Assert.Equal(["java", "nodejs", "python", "dotnet", "go", "apache-httpd", "nginx", "sdk"], table.Languages.Select(l => l.Name));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], table.Languages.Select(l => l.InjectionOrder));
        Assert.Equal([0, 1, 2, 3, 6, 4, 5, 7], table.Languages.Select(l => l.ValidationOrder));
    }

    [Fact]
    public void Parse_RealTable_ReadsWhatEachAgentExportsWith()
    {
        var table = ParseValid(RealSchemaFiles.TableText);

        Assert.Equal(["http/protobuf", "grpc"], table.Languages[0].OtlpProtocols);
        Assert.Equal(["http/protobuf"], table.Languages[2].OtlpProtocols);
        Assert.Equal(["grpc"], table.Languages[6].OtlpProtocols);
        Assert.Empty(table.Languages[7].OtlpProtocols);
    }

    [Fact]
    public void Parse_RealTable_ReadsTheSharedKeys()
    {
        var table = ParseValid(RealSchemaFiles.TableText);

        Assert.Equal("instrumentation.opentelemetry.io/", table.AnnotationPrefix);
        Assert.Equal("instrumentation.opentelemetry.io/container-names", table.ContainerNamesAnnotation);
        Assert.Equal("200Mi", table.DefaultVolumeSizeLimit);
        Assert.Equal(new SwitchSpec("--enable-multi-instrumentation", "ENABLE_MULTI_INSTRUMENTATION", true), table.MultiInstrumentation);
    }

    [Fact]
    public void Parse_RealTable_ReadsEachPartOfAnEntry()
    {
        var table = ParseValid(RealSchemaFiles.TableText);

        var java = table.Languages[0];
        Assert.Equal("resources", java.ResourcesField);
        Assert.Equal([new NamedValue("cpu", "500m"), new NamedValue("memory", "256Mi")], java.Limits);
        Assert.Equal(new InitContainerSpec(
            "opentelemetry-auto-instrumentation-java",
            new EquatableArray<string>(["cp", "/javaagent.jar", "/otel-auto-instrumentation-java/javaagent.jar"]),
            "/otel-auto-instrumentation-java"), java.InitContainer);
        Assert.Equal(new EnvSpec("JAVA_TOOL_OPTIONS", " -javaagent:/otel-auto-instrumentation-java-{container}/javaagent.jar", "concatenate", "", null, "afterCommon"), Assert.Single(java.Env));

        var python = table.Languages[2];
        Assert.Equal(["glibc", "musl"], python.Platform!.Values.Select(v => v.Value));
        Assert.Equal(new NamedValue("source", "/autoinstrumentation-musl/."), Assert.Single(python.Platform.Values[1].Placeholders));
        Assert.Equal(new EnvSpec("PYTHONPATH", "/otel-auto-instrumentation-python/opentelemetry/instrumentation/auto_instrumentation", "prepend", ":", "/otel-auto-instrumentation-python", "language"), python.Env[0]);

        var dotnet = table.Languages[3];
        Assert.Equal(["container", "languageEnv"], dotnet.SkipWhenPresent.Select(g => g.In));
        Assert.Equal(["DOTNET_STARTUP_HOOKS", "DOTNET_ADDITIONAL_DEPS", "DOTNET_SHARED_STORE"], dotnet.SkipWhenValueFrom);

        var sdk = table.Languages[7];
        Assert.Equal((null, null, null, null), (sdk.SpecField, sdk.Switch, sdk.Image, sdk.Volume));
        Assert.Equal(new MessagesSpec(null, "injecting sdk-only instrumentation into pod", null), sdk.Messages);
    }

    [Fact]
    public void Parse_SmallTable_HasNoDiagnostics()
    {
        var table = ParseValid(SmallTable.Text);

        Assert.Equal(["java", "python"], table.Languages.Select(l => l.Name));
    }

    [Fact]
    public void Parse_SameText_GivesEqualModels()
    {
        Assert.Equal(Parse(RealSchemaFiles.TableText), Parse(RealSchemaFiles.TableText));
    }

    [Fact]
    public void Parse_LanguageEntryMoved_GivesAnEqualModel()
    {
        var moved = TextEdits.MoveLastLanguageFirst(RealSchemaFiles.TableText);

        Assert.Equal("sdk", JsonCursor.Parse(moved).Get("languages")!.Items[0].Get("name")!.Text);
        Assert.Equal(ParseValid(RealSchemaFiles.TableText), ParseValid(moved));
    }

    [Fact]
    public void Parse_UnknownField_ReportsItWithTheAllowedNames()
    {
        var diagnostic = SingleDiagnostic(TextEdits.ReplaceOnce(SmallTable.Text, "\"stage\": \"language\"", "\"stage\": \"language\", \"colour\": \"red\""));

        Assert.Equal("WHK2005", diagnostic.Id);
        Assert.Equal([FilePath, "colour", "name, value, rule, separator, suffix, stage"], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_MissingField_ReportsItAtTheEntry()
    {
        var diagnostic = SingleDiagnostic(TextEdits.ReplaceOnce(SmallTable.Text, "\"displayName\": \"Python\",", ""));

        Assert.Equal(("WHK2002", 21, 5), (diagnostic.Id, diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal([FilePath, "\"displayName\""], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_UnknownRule_ReportsTheAllowedRules()
    {
        var diagnostic = SingleDiagnostic(TextEdits.ReplaceOnce(SmallTable.Text, "\"rule\": \"prepend\"", "\"rule\": \"append\""));

        Assert.Equal("WHK2004", diagnostic.Id);
        Assert.Equal(["\"rule\"", "\"append\" is not one of appendIfAbsent, concatenate, prepend, setOrReplace"], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_WrongValueType_ReportsWhatWasExpected()
    {
        var diagnostic = SingleDiagnostic(TextEdits.ReplaceOnce(SmallTable.Text, "\"injectionOrder\": 1,", "\"injectionOrder\": \"1\","));

        Assert.Equal("WHK2004", diagnostic.Id);
        Assert.Equal(["\"injectionOrder\"", "must be a number, not a string"], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_DuplicateLanguage_ReportsBothLines()
    {
        var text = TextEdits.ReplaceOnce(SmallTable.Text, "\"name\": \"python\"", "\"name\": \"java\"");

        var diagnostic = SingleDiagnostic(text);

        Assert.Equal("WHK2003", diagnostic.Id);
        Assert.Equal(["java", "7", "21"], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_RepeatedInjectionOrder_ReportsIt()
    {
        var diagnostic = SingleDiagnostic(TextEdits.ReplaceOnce(SmallTable.Text, "\"injectionOrder\": 1,", "\"injectionOrder\": 0,"));

        Assert.Equal("WHK2004", diagnostic.Id);
        Assert.Equal("language \"python\"", diagnostic.Arguments[0]);
    }

    [Fact]
    public void Parse_UnknownPlaceholder_ReportsIt()
    {
        var diagnostic = SingleDiagnostic(TextEdits.ReplaceOnce(SmallTable.Text, "/otel-{container}/agent.jar", "/otel-{pod}/agent.jar"));

        Assert.Equal("WHK2004", diagnostic.Id);
        Assert.Equal(["env value \" -javaagent:/otel-{pod}/agent.jar\"", "placeholder {pod} is not {container} and no platform value defines it"], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_PlaceholderOnlySomePlatformValuesFill_ReportsIt()
    {
        var diagnostic = SingleDiagnostic(TextEdits.ReplaceOnce(SmallTable.Text, "\"musl\": { \"source\": \"/musl\" }", "\"musl\": { \"root\": \"/musl\" }"));

        Assert.Equal("WHK2004", diagnostic.Id);
        Assert.Equal("placeholder {source} is not {container} and no platform value defines it", diagnostic.Arguments[1]);
    }

    [Fact]
    public void Parse_ResourcesNotAnObject_ReportsABadValue()
    {
        var text = TextEdits.ReplaceOnce(SmallTable.Text, "\"hook\": \"none\",\n      \"supportsInitContainerTargets\": true,\n      \"platform\"",
            "\"hook\": \"none\",\n      \"resources\": \"500m\",\n      \"supportsInitContainerTargets\": true,\n      \"platform\"");

        var diagnostic = SingleDiagnostic(text);

        Assert.Equal("WHK2004", diagnostic.Id);
        Assert.Equal(["resources", "must be an object, not a string"], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_PresenceGuardWithoutName_ReportsOnlyTheMissingName()
    {
        var text = TextEdits.ReplaceOnce(SmallTable.Text, "\"messages\": { \"injecting\": \"injecting Python\" }",
            "\"skipWhenPresent\": [{ \"in\": \"container\", \"reason\": \"already set\" }],\n      \"messages\": { \"injecting\": \"injecting Python\" }");

        var diagnostic = SingleDiagnostic(text);

        Assert.Equal("WHK2002", diagnostic.Id);
        Assert.Equal([FilePath, "\"name\""], diagnostic.Arguments);
    }

    [Fact]
    public void Parse_NotJson_ReportsTableInvalidJson()
    {
        var diagnostic = SingleDiagnostic("{ \"annotationPrefix\": ");

        Assert.Equal(("WHK2001", 1, 23), (diagnostic.Id, diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal([FilePath, "line 1: unexpected end of file; a value was expected"], diagnostic.Arguments);
    }

    private static LanguageTableParseResult Parse(string text) => InjectionTableParser.Parse(FilePath, SourceText.From(text), CancellationToken.None);

    private static LanguageTable ParseValid(string text)
    {
        var result = Parse(text);
        Assert.Empty(result.Diagnostics);
        return result.Table!;
    }

    /// <summary>The one diagnostic of a text with one mistake; such a table yields no model.</summary>
    private static DiagnosticInfo SingleDiagnostic(string text)
    {
        var result = Parse(text);
        Assert.Null(result.Table);
        return Assert.Single(result.Diagnostics);
    }
}
