namespace CourseKit.Cli.Jupyter;

/// <summary>
/// `coursekit jupyter install [--data-dir DIR]`: restores the pinned notebook engine and registers the kit's kernelspec
/// with Jupyter, so the notebooks run in Jupyter started from any folder.
/// </summary>
internal static class JupyterInstallCommand
{
    public static async Task<int> ExecuteAsync(JupyterInstallOptions options, string currentDirectory, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (RepoLocator.Find(currentDirectory) is not { } root)
        {
            stdout.WriteLine($"error: {RepoLocator.NotFoundMessage(currentDirectory)}");
            return 1;
        }
        var output = new StringWriter();
        var restore = await ChildProcess.RunAsync(DotnetHost.Path, ["tool", "restore"], root, output, null, cancellationToken);
        if (restore.ExitCode != 0 || JupyterKernelSpec.FindEngine(root) is not { } engine)
        {
            stdout.WriteLine($"error: the notebook engine pinned in .config/dotnet-tools.json could not be restored (`dotnet tool restore` exited with {restore.ExitCode}):");
            stdout.WriteLine(output.ToString().TrimEnd());
            return 1;
        }
        var dataDirectory = options.DataDirectory is { } given ? Path.GetFullPath(given, currentDirectory) : JupyterKernelSpec.UserDataDirectory();
        var folder = JupyterKernelSpec.Write(dataDirectory, engine);
        stdout.WriteLine($"Kernel {JupyterKernelSpec.Name} (\".NET (C#)\") written to {folder}");
        stdout.WriteLine($"It starts the notebook engine {engine} from any folder and listens on this machine only.");
        stdout.WriteLine("Jupyter itself is separate: `sudo apt-get install jupyter-notebook` (Debian, Ubuntu) or `pip install notebook`.");
        return 0;
    }
}
