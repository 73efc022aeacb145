namespace Webhook.Injection.WebServers;

/// <summary>
/// The shell scripts of the Nginx init containers. Written from the behaviour description of the shared spec §8.7,
/// not copied from the operator. Each runs as <c>/bin/sh -c &lt;script&gt; -- &lt;argument&gt;</c>, so the argument
/// arrives as <c>$1</c> and is never parsed by the shell. They leave the files the operator's <c>nginx_clone.sh</c> and
/// <c>nginx_agent.sh</c> leave, but for the module configuration written with <c>printf '%s'</c> rather than <c>echo</c>
/// (no extra newline, no backslash sequences interpreted); Hooks/WebServerScriptTests.cs checks the files.
/// </summary>
public static class NginxScripts
{
    /// <summary>Runs in a copy of the app container, <c>$1</c> = the configuration folder: copies it out and records the nginx version.</summary>
    public const string Clone = """
        set -e
        cp -r "$1"/* /opt/opentelemetry-webserver/source-conf
        version=$(nginx -v 2>&1)
        printf '%s\n' "${version##*/}" > /opt/opentelemetry-webserver/source-conf/version.txt
        """;

    /// <summary>
    /// <c>$1</c> = the main configuration file's name: copies the agent, renders its log configuration, writes the
    /// module configuration with the pod name as service instance into conf.d, and puts the env and load_module
    /// lines at the top of the main file.
    /// </summary>
    public const string Agent = """
        set -e -x
        agent=/opt/opentelemetry-webserver/agent
        conf=/opt/opentelemetry-webserver/source-conf
        cp -r /opt/opentelemetry/* "$agent"
        sed "s,__agent_log_dir__,$agent/logs,g" "$agent/conf/opentelemetry_sdk_log4cxx.xml.template" > "$agent/conf/opentelemetry_sdk_log4cxx.xml"
        printf '%s' "$OTEL_NGINX_AGENT_CONF" | sed "s,<<SID-PLACEHOLDER>>,$OTEL_NGINX_SERVICE_INSTANCE_ID,g" > "$conf/opentelemetry_agent.conf"
        version=$(cat "$conf/version.txt")
        {
          echo 'env OTEL_RESOURCE_ATTRIBUTES;'
          echo "load_module $agent/WebServerModule/Nginx/$version/ngx_http_opentelemetry_module.so;"
          cat "$conf/$1"
        } > "$conf/$1.otel"
        mv "$conf/$1.otel" "$conf/$1"
        mv "$conf/opentelemetry_agent.conf" "$conf/conf.d/"
        """;
}
