using Marketing.Cli;

return await CliApp.RunAsync(args);
