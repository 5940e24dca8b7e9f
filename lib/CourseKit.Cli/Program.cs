using System.Text;
using CourseKit.Cli.Classwork;

namespace CourseKit.Cli;

/// <summary>Entry point of `coursekit`.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        using var cancel = new CancellationTokenSource();
        // Ctrl+C cancels the run, which kills the engine's process tree instead of orphaning it.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await RunAsync(args, Directory.GetCurrentDirectory(), Console.Out, Console.Error, cancel.Token);
    }

    /// <summary>Parses and dispatches; returns the process exit code (2 for a usage error, 130 when cancelled).</summary>
    internal static async Task<int> RunAsync(
        string[] args, string currentDirectory, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            switch (CliArguments.Parse(args))
            {
                case HelpCommand:
                    stdout.WriteLine(CliArguments.Usage);
                    return 0;
                case UsageError error:
                    stderr.WriteLine($"error: {error.Message}");
                    stderr.WriteLine(CliArguments.Usage);
                    return 2;
                case SetupCommand:
                    var root = RepoLocator.Find(currentDirectory);
                    if (root is null)
                    {
                        stderr.WriteLine($"error: {RepoLocator.NotFoundMessage(currentDirectory)}");
                        return 1;
                    }
                    return await KitSetup.RunAsync(root, stdout, cancellationToken) ? 0 : 1;
                case RunCommandOptions run:
                    return await RunCommand.ExecuteAsync(run, currentDirectory, stdout, cancellationToken,
                        terminal: stdout == Console.Out && !Console.IsOutputRedirected);
                case AssignCommandOptions assign:
                    return await AssignCommand.ExecuteAsync(assign, currentDirectory, stdout, cancellationToken);
                case GradebookMergeOptions merge:
                    return GradebookMerge.Execute(merge, currentDirectory, stdout);
                case ExportAppOptions export:
                    return Apps.ExportAppCommand.Execute(export, currentDirectory, stdout);
                case JupyterInstallOptions jupyter:
                    return await Jupyter.JupyterInstallCommand.ExecuteAsync(jupyter, currentDirectory, stdout, cancellationToken);
                case GradeCommandOptions grade:
                    return await GradeCommand.ExecuteAsync(grade, currentDirectory, stdout, cancellationToken, terminal: stdout == Console.Out && !Console.IsOutputRedirected);
                default:
                    throw new InvalidOperationException("unhandled command");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("cancelled");
            return 130;
        }
    }
}
