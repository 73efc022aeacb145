using SharpFuzz;
using Webhook.Fuzz;
using Webhook.Tests.Reliability;

// fuzz: under afl-fuzz, one input per round from AFL; seeds DIR: writes the seed corpus;
// replay FILE...: runs saved inputs once each and says how each ended.
switch (args)
{
    case ["seeds", var folder]:
        Console.WriteLine("wrote " + SeedCorpus.Write(folder) + " seeds to " + folder);
        return 0;
    case ["replay", .. var files]:
        var failures = 0;
        foreach (var file in files)
        {
            try
            {
                Console.WriteLine(file + ": " + FuzzInput.Run(File.ReadAllBytes(file)));
            }
            catch (AdmissionPropertyException e)
            {
                failures++;
                Console.WriteLine(file + ": FAILED: " + e.Message);
            }
        }

        return failures;
    case ["fuzz"]:
        // The contexts load inside the first round: instrumented code may run only once AFL's shared memory is attached.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            FuzzInput.Run(buffer.ToArray());
        });
        return 0;
    default:
        Console.Error.WriteLine("usage: Webhook.Fuzz fuzz | seeds DIR | replay FILE...");
        return 2;
}
