using Webhook.Commands;

// Composition root: picks the command; each command lives in Commands/.
return CommandShell.Run(args, Console.Out, Console.Error);
