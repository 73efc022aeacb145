using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Webhook.Documents;
using Webhook.Injection;
using Webhook.Injection.Snapshot;
using Webhook.Instrumentations;
using Webhook.Tests.Support;

namespace Webhook.Tests.Injection.WebServers;

/// <summary>A fact that needs <c>/bin/sh</c>, skipped with that reason where there is none.</summary>
public sealed class ShellFactAttribute : FactAttribute
{
    public ShellFactAttribute()
    {
        if (!File.Exists("/bin/sh"))
        {
            Skip = "/bin/sh is absent: the init-container scripts cannot be run here";
        }
    }
}

/// <summary>
/// Runs the Apache HTTPD and Nginx init containers of a real injection under <c>/bin/sh</c>, on a fake agent image
/// and configuration folder made in a temp folder (every <c>/opt/</c> path moved under it): they must leave the
/// files the operator's scripts (<c>internal/instrumentation/scripts/{apache_httpd_agent,nginx_clone,nginx_agent}.sh</c>)
/// leave on the same folders, and a configuration value with shell syntax in it must never run as a command.
/// </summary>
/// <remarks>
/// The expected files are those the operator's scripts left when run the same way, but for one byte: the
/// operator writes the module configuration with <c>echo</c>, which adds a newline after the value's own last
/// newline (and, under dash, turns a backslash sequence such as <c>\t</c> in an attribute into a tab, or cuts the
/// file at <c>\c</c>); ours writes the value as it is.
/// </remarks>
public sealed class WebServerScriptTests : IDisposable
{
    private const string PodName = "web-7d9f";
    private const string Attack = "'; touch pwned-quote; '$(touch pwned-dollar)`touch pwned-tick`";

    private readonly string _root = Directory.CreateTempSubdirectory("otel-webserver-scripts-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [ShellFact]
    public void ApacheInitContainers_LeaveTheOperatorsFiles()
    {
        var confDir = MakeFolder("usr/local/apache2/conf", ("httpd.conf", "ServerRoot \"/usr/local/apache2\"\nListen 80\n"));
        var pod = Inject("apacheHttpd", "configPath: '" + confDir + "'", "inject-apache-httpd", enableNginx: false);

        RunInitContainers(pod);

        var agentConf = Env(pod, "otel-agent-attach-apache", "OTEL_APACHE_AGENT_CONF").Replace("<<SID-PLACEHOLDER>>", PodName, StringComparison.Ordinal);
        Assert.Contains("ApacheModuleServiceInstanceId " + PodName + "\n", agentConf, StringComparison.Ordinal);
        AssertFiles(new(AgentFiles())
        {
            ["source-conf/httpd.conf"] = "ServerRoot \"/usr/local/apache2\"\nListen 80\n\nInclude " + confDir + "/opentemetry_agent.conf\n",
            ["source-conf/opentemetry_agent.conf"] = agentConf,
        });
    }

    [ShellFact]
    public void NginxInitContainers_LeaveTheOperatorsFiles()
    {
        var confDir = MakeFolder("etc/nginx", ("nginx.conf", "events {}\nhttp { include /etc/nginx/conf.d/*.conf; }\n"), ("conf.d/default.conf", "server {}\n"));
        var pod = Inject("nginx", "configFile: '" + confDir + "/nginx.conf'", "inject-nginx", enableNginx: true);

        RunInitContainers(pod);

        var agentConf = Env(pod, "otel-agent-attach-nginx", "OTEL_NGINX_AGENT_CONF").Replace("<<SID-PLACEHOLDER>>", PodName, StringComparison.Ordinal);
        Assert.Contains("NginxModuleServiceInstanceId " + PodName + ";\n", agentConf, StringComparison.Ordinal);
        AssertFiles(new(AgentFiles())
        {
            ["source-conf/nginx.conf"] = "env OTEL_RESOURCE_ATTRIBUTES;\nload_module " + Opt("opentelemetry-webserver/agent/WebServerModule/Nginx/1.25.3/ngx_http_opentelemetry_module.so")
                + ";\nevents {}\nhttp { include /etc/nginx/conf.d/*.conf; }\n",
            ["source-conf/conf.d/default.conf"] = "server {}\n",
            ["source-conf/conf.d/opentelemetry_agent.conf"] = agentConf,
            ["source-conf/version.txt"] = "1.25.3\n",
        });
    }

    [ShellFact]
    public void ApacheConfigurationValuesWithShellSyntax_RunNoCommand()
    {
        var confDir = MakeFolder("conf" + Attack, ("httpd.conf", "Listen 80\n"));
        var pod = Inject("apacheHttpd", "attrs: [{name: ApacheModuleServiceName, value: \"" + Yaml(Attack) + "\"}]", "inject-apache-httpd", enableNginx: false,
            instrumentation => instrumentation.Spec!.ApacheHttpd!.ConfigPath = confDir);

        RunInitContainers(pod);

        AssertNoCommandRan();
        Assert.EndsWith("\nInclude " + confDir + "/opentemetry_agent.conf\n", Read("source-conf/httpd.conf"), StringComparison.Ordinal);
        Assert.Contains("ApacheModuleServiceName " + Attack + "\n", Read("source-conf/opentemetry_agent.conf"), StringComparison.Ordinal);
    }

    [ShellFact]
    public void NginxConfigurationValuesWithShellSyntax_RunNoCommand()
    {
        var file = "nginx" + Attack + ".conf";
        var confDir = MakeFolder("etc/nginx" + Attack, (file, "events {}\n"), ("conf.d/default.conf", "server {}\n"));
        var pod = Inject("nginx", "attrs: [{name: NginxModuleServiceName, value: \"" + Yaml(Attack) + "\"}]", "inject-nginx", enableNginx: true,
            instrumentation => instrumentation.Spec!.Nginx!.ConfigFile = confDir + "/" + file);

        RunInitContainers(pod);

        AssertNoCommandRan();
        Assert.StartsWith("env OTEL_RESOURCE_ATTRIBUTES;\nload_module ", Read("source-conf/" + file), StringComparison.Ordinal);
        Assert.Contains("NginxModuleServiceName " + Attack + ";\n", Read("source-conf/conf.d/opentelemetry_agent.conf"), StringComparison.Ordinal);
    }

    /// <summary>
    /// The pod after injection, with its Instrumentation's web server section given <paramref name="settings"/>.
    /// <paramref name="change"/> edits the loaded Instrumentation: validation refuses a configuration path with
    /// characters other than letters, digits and <c>._/-</c>, and the scripts must be safe without relying on it.
    /// </summary>
    private JsonObject Inject(string section, string settings, string annotation, bool enableNginx, Action<Webhook.Crd.Instrumentation>? change = null)
    {
        var yaml = "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata: {name: web, namespace: demo}\nspec:\n  exporter: {endpoint: \"http://collector:4318\"}\n  "
            + section + ":\n    " + settings + "\n";
        var loaded = new InstrumentationLoader(ImageDefaults.FromTable).Load(DocumentReader.Read(yaml, "web.yaml").Single());
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        change?.Invoke(loaded.Instrumentation!);
        var pod = "{\"metadata\":{\"name\":\"" + PodName + "\",\"namespace\":\"demo\",\"annotations\":{\"instrumentation.opentelemetry.io/" + annotation
            + "\":\"true\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"web:1\"}]}}";
        var settingsOf = new InjectionSettings(new Dictionary<Language, bool> { [Language.Nginx] = enableNginx }, null);

        var result = PodMutator.Mutate(Encoding.UTF8.GetBytes(pod), "demo", new InstrumentationSnapshot([loaded.Instrumentation!], []), settingsOf);

        Assert.Empty(result.Warnings);
        return JsonPatchApplier.Apply(JsonNode.Parse(pod)!, Encoding.UTF8.GetString(result.Patch!.Value.Span)).AsObject();
    }

    /// <summary>
    /// Lays out the fake agent image and runs each init container as the kubelet would (command then args, no
    /// shell of ours in between), in order, with its env; <c>/opt/</c> paths point into the temp folder.
    /// </summary>
    private void RunInitContainers(JsonObject pod)
    {
        MakeFolder("opt/opentelemetry", ("conf/opentelemetry_sdk_log4cxx.xml.template", "log dir: __agent_log_dir__/agent.log\n"),
            ("sdk_lib/lib/libopentelemetry_common.so", "sdk\n"), ("WebServerModule/Nginx/1.25.3/ngx_http_opentelemetry_module.so", "module\n"));
        Directory.CreateDirectory(Opt("opentelemetry-webserver/agent"));
        Directory.CreateDirectory(Opt("opentelemetry-webserver/source-conf"));
        var bin = MakeFolder("bin", ("nginx", "#!/bin/sh\necho 'nginx version: nginx/1.25.3' >&2\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(bin, "nginx"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        foreach (var container in pod["spec"]!["initContainers"]!.AsArray().Select(c => c!.AsObject()))
        {
            var argv = (container["command"]?.AsArray() ?? []).Concat(container["args"]?.AsArray() ?? []).Select(a => Relocate((string)a!)).ToList();
            var start = new ProcessStartInfo(argv[0]) { WorkingDirectory = _root, RedirectStandardError = true, RedirectStandardOutput = true };
            argv.Skip(1).ToList().ForEach(start.ArgumentList.Add);
            start.Environment.Clear();
            start.Environment["PATH"] = bin + ":/usr/local/bin:/usr/bin:/bin";
            foreach (var env in container["env"]?.AsArray() ?? [])
            {
                start.Environment[(string)env!["name"]!] = (string?)env["value"] ?? FieldRef((string)env["valueFrom"]!["fieldRef"]!["fieldPath"]!);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), (string)container["name"]! + " did not finish in 60 s");
            Assert.True(process.ExitCode == 0, (string)container["name"]! + " exited " + process.ExitCode + ": " + stderr.Result);
        }
    }

    private static string FieldRef(string fieldPath) => fieldPath switch
    {
        "metadata.name" => PodName,
        "status.podIP" => "10.0.0.7",
        "status.hostIP" => "192.0.2.1",
        "spec.nodeName" => "node-1",
        _ => throw new InvalidOperationException("no fake value for fieldRef " + fieldPath),
    };

    private void AssertNoCommandRan()
        => Assert.Empty(Directory.EnumerateFiles(_root, "pwned*", SearchOption.AllDirectories));

    /// <summary>The agent image's files copied into the agent volume, and the log configuration rendered from its template.</summary>
    private Dictionary<string, string> AgentFiles() => new()
    {
        ["agent/conf/opentelemetry_sdk_log4cxx.xml.template"] = "log dir: __agent_log_dir__/agent.log\n",
        ["agent/conf/opentelemetry_sdk_log4cxx.xml"] = "log dir: " + Opt("opentelemetry-webserver/agent/logs") + "/agent.log\n",
        ["agent/sdk_lib/lib/libopentelemetry_common.so"] = "sdk\n",
        ["agent/WebServerModule/Nginx/1.25.3/ngx_http_opentelemetry_module.so"] = "module\n",
    };

    private void AssertFiles(Dictionary<string, string> expected)
    {
        var folder = Opt("opentelemetry-webserver");
        var actual = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllText);

        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private string Read(string sourceRelative) => File.ReadAllText(Path.Combine(Opt("opentelemetry-webserver"), sourceRelative));

    private static string Env(JsonObject pod, string container, string name)
        => (string)pod["spec"]!["initContainers"]!.AsArray().Single(c => (string)c!["name"]! == container)!["env"]!.AsArray().Single(e => (string)e!["name"]! == name)!["value"]!;

    private string Opt(string path) => Path.Combine(_root, "opt", path);

    /// <summary>A path of the images (<c>/opt/…</c>) moved into the temp folder, in script text and arguments alike.</summary>
    private string Relocate(string text) => text.Replace("/opt/opentelemetry", _root + "/opt/opentelemetry", StringComparison.Ordinal);

    private string MakeFolder(string relative, params (string Path, string Text)[] files)
    {
        var folder = Path.Combine(_root, relative);
        Directory.CreateDirectory(folder);
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
            File.WriteAllText(Path.Combine(folder, path), text);
        }

        return folder;
    }

    /// <summary>Text for a double-quoted YAML scalar.</summary>
    private static string Yaml(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
