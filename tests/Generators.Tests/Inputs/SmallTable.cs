namespace Webhook.Generators.Tests.Inputs;

/// <summary>
/// A small valid injection table with two languages. Diagnostics tests pin line numbers in it, so edit it only
/// together with them.
/// </summary>
public static class SmallTable
{
    public const string Text = """
        {
          "annotationPrefix": "example.io/",
          "containerNamesAnnotation": "example.io/container-names",
          "defaultVolumeSizeLimit": "200Mi",
          "multiInstrumentation": { "flag": "--multi", "env": "MULTI", "default": true },
          "languages": [
            {
              "name": "java",
              "displayName": "Java",
              "injectAnnotation": "example.io/inject-java",
              "containerNamesAnnotation": "example.io/java-container-names",
              "injectionOrder": 0,
              "validationOrder": 1,
              "hook": "none",
              "supportsInitContainerTargets": true,
              "env": [
                { "name": "JAVA_TOOL_OPTIONS", "value": " -javaagent:/otel-{container}/agent.jar", "rule": "concatenate", "stage": "afterCommon" }
              ],
              "messages": { "injecting": "injecting Java" }
            },
            {
              "name": "python",
              "displayName": "Python",
              "injectAnnotation": "example.io/inject-python",
              "containerNamesAnnotation": "example.io/python-container-names",
              "injectionOrder": 1,
              "validationOrder": 0,
              "hook": "none",
              "supportsInitContainerTargets": true,
              "platform": {
                "annotation": "example.io/python-platform",
                "default": "glibc",
                "values": { "glibc": { "source": "/glibc" }, "musl": { "source": "/musl" } }
              },
              "env": [
                { "name": "PYTHONPATH", "value": "{source}/lib", "rule": "prepend", "separator": ":", "stage": "language" }
              ],
              "messages": { "injecting": "injecting Python" }
            }
          ]
        }
        """;
}
