namespace Marketing.Cli.Tests.Commands;

/// <summary>Runs <c>mkt</c> in-process with stdout and stderr captured. Callers must be [NonParallelizable].</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Stdout, string Stderr)> Run(string[] args)
    {
        var outWriter = new StringWriter();
        var errWriter = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(outWriter);
        Console.SetError(errWriter);
        try
        {
            var code = await CliApp.RunAsync(args);
            return (code, outWriter.ToString(), errWriter.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
