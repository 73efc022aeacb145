namespace Webhook.Injection.WebServers;

/// <summary>
/// The shell script of the Apache HTTPD agent init container. Written from the behaviour description of the shared
/// spec §8.6, not copied from the operator. It runs as <c>/bin/sh -c &lt;script&gt; -- &lt;confDir&gt;</c>, so the
/// configuration folder arrives as <c>$1</c> and is never parsed by the shell. It leaves the files the operator's
/// <c>apache_httpd_agent.sh</c> leaves, but for the module configuration written with <c>printf '%s'</c> rather than
/// <c>echo</c> (no extra newline, no backslash sequences interpreted); Hooks/WebServerScriptTests.cs checks the files.
/// </summary>
public static class ApacheScripts
{
    /// <summary>
    /// Copies the agent, renders its log configuration, writes the module configuration with the pod name as
    /// service instance, and makes httpd.conf include it (the file name "opentemetry" is the operator's).
    /// </summary>
    public const string Agent = """
        set -e
        agent=/opt/opentelemetry-webserver/agent
        conf=/opt/opentelemetry-webserver/source-conf
        cp -r /opt/opentelemetry/* "$agent"
        sed "s,__agent_log_dir__,$agent/logs,g" "$agent/conf/opentelemetry_sdk_log4cxx.xml.template" > "$agent/conf/opentelemetry_sdk_log4cxx.xml"
        printf '%s' "$OTEL_APACHE_AGENT_CONF" | sed "s,<<SID-PLACEHOLDER>>,$APACHE_SERVICE_INSTANCE_ID,g" > "$conf/opentemetry_agent.conf"
        printf '\nInclude %s/opentemetry_agent.conf\n' "$1" >> "$conf/httpd.conf"
        """;
}
