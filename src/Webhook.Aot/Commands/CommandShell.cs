using Webhook.Documents;

namespace Webhook.Commands;

/// <summary>Dispatches <c>otel-webhook COMMAND …</c> and turns usage mistakes into exit code 2 with a message.</summary>
public static class CommandShell
{
    private const string Usage = """
        usage: otel-webhook COMMAND [options]

        commands:
          serve [--instrumentations DIR | --kubeconfig FILE] [--listen-address ADDRESS] [--port 9443] [--cert-dir DIR]
                [--log-level info] [--shutdown-timeout 10s]
                                the admission webhook over HTTPS; the operator's switches apply as for inject
          validate -f FILE|DIR|-
                                check Instrumentation resources and print them with defaults applied
          inject -f FILE|- [--instrumentations DIR] [--namespace NS] [--explain]
                                inject into the Pods and workload pod templates of FILE as the webhook would
                                and print every document; the operator's switches apply:
                                --enable-<language>-instrumentation[=true|false], --enable-multi-instrumentation[=true|false],
                                --auto-instrumentation-<language>-image IMAGE; and, not the operator's,
                                --cross-namespace-instrumentations=allow|deny (deny: a pod naming another
                                namespace's Instrumentation goes without that language)
          manifests [--namespace NS] [--cert-manager] [--image IMAGE] [--cross-namespace-instrumentations=deny]
                                print the install bundle as YAML for kubectl apply -f -; without --cert-manager it
                                holds a generated CA and serving certificate, valid 1 year
          manifests --collector NAME [--namespace NS] [--image IMAGE]
                                print an OpenTelemetry Collector instead of the bundle: ConfigMap, Deployment and
                                Service NAME-collector, OTLP on 4317 (gRPC) and 4318 (HTTP), the debug exporter
          doctor [--kubeconfig FILE] [--context NAME] [-n NS | -A] [KIND/NAME] [-o text|json]
                                read-only: for each workload that asks for injection, whether its pods got it, and
                                if not, why and what to do; exit 0 nothing wrong, 1 findings, 3 cluster not readable
          version               print the version, the resource it serves and the default images
        """;

    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? errors : output).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            return args[0] switch
            {
                ValidateCommand.Name => ValidateCommand.Run(args.AsSpan(1), output, errors),
                InjectCommand.Name => InjectCommand.Run(args.AsSpan(1), output, errors),
                VersionCommand.Name => VersionCommand.Run(output),
                ManifestsCommand.Name => ManifestsCommand.Run(args.AsSpan(1), output, TimeProvider.System),
                ServeCommand.Name => ServeCommand.Run(args.AsSpan(1), errors),
                DoctorCommand.Name => DoctorCommand.Run(args.AsSpan(1), output, errors),
                _ => throw new UsageException("otel-webhook: unknown command '" + args[0] + "'\n" + Usage),
            };
        }
        catch (UsageException e)
        {
            errors.WriteLine(e.Message);
            return 2;
        }
        catch (DocumentFileException e)
        {
            // -f names something that is not read: a device, a named pipe, a file or input over the size cap.
            errors.WriteLine(e.Message);
            return 1;
        }
    }
}
