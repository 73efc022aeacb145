namespace Webhook.Generators.Tests.Inputs;

/// <summary>Small hand-written CustomResourceDefinitions: kind Widget, group example.io, one storage version v1.</summary>
public static class SmallCrd
{
    /// <summary>A CRD whose <c>spec</c> has the given <c>properties</c> object (JSON text) and optional <c>required</c> list.</summary>
    public static string WithSpec(string properties, string required = "[]") => $$"""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "spec": {
            "group": "example.io",
            "names": { "kind": "Widget", "plural": "widgets" },
            "versions": [
              { "name": "v1beta1", "served": true, "storage": false, "schema": { "openAPIV3Schema": { "type": "object" } } },
              {
                "name": "v1",
                "served": true,
                "storage": true,
                "schema": {
                  "openAPIV3Schema": {
                    "description": "A widget.",
                    "type": "object",
                    "properties": {
                      "metadata": { "type": "object" },
                      "spec": { "type": "object", "required": {{required}}, "properties": {{properties}} }
                    }
                  }
                }
              }
            ]
          }
        }
        """;

    /// <summary>
    /// The baseline and compile-and-run case: one property per schema feature the model generator maps
    /// (scalars, constraints, defaults, int-or-string, quantities, lists, maps, raw objects, shared shapes).
    /// </summary>
    public static string Features { get; } = WithSpec(
        """
        {
          "mode": { "description": "How the widget runs.", "type": "string", "enum": ["fast", "safe"], "default": "safe" },
          "label": { "type": "string", "pattern": "^[a-z]+$", "maxLength": 8 },
          "enabled": { "type": "boolean", "default": true },
          "replicas": { "type": "integer", "format": "int32", "default": 1 },
          "budget": { "type": "integer", "format": "int64" },
          "ratio": { "type": "number" },
          "port": { "x-kubernetes-int-or-string": true, "anyOf": [{ "type": "integer" }, { "type": "string" }] },
          "limits": {
            "type": "object",
            "additionalProperties": { "x-kubernetes-int-or-string": true, "anyOf": [{ "type": "integer" }, { "type": "string" }], "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$" }
          },
          "tags": { "type": "array", "items": { "type": "string", "enum": ["a", "b"] } },
          "labels": { "type": "object", "additionalProperties": { "type": "string" } },
          "extra": { "type": "object", "x-kubernetes-preserve-unknown-fields": true },
          "parts": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["name"],
              "properties": {
                "name": { "type": "string" },
                "size": { "type": "string", "default": "m" }
              }
            }
          },
          "primary": {
            "type": "object",
            "properties": {
              "part": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" }, "size": { "type": "string", "default": "m" } } }
            }
          }
        }
        """,
        """["mode"]""");
}
