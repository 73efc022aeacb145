using Webhook.Cli;

// Composition root: picks the command; each command lives in Cli/.
return Commands.Run(args, Console.Out, Console.Error);
