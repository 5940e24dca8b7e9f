using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Cli.Jupyter;
using CourseKit.Cli.Tests.Classwork;

namespace CourseKit.Cli.Tests.Jupyter;

/// <summary>`coursekit jupyter install`: a kernelspec that starts the pinned engine from any folder, on this machine only.</summary>
public class JupyterKernelTests
{
    [Fact]
    public void The_command_line_takes_install_and_a_data_folder_only()
    {
        Assert.Equal(new JupyterInstallOptions(null), CliArguments.Parse(["jupyter", "install"]));
        Assert.Equal(new JupyterInstallOptions("d"), CliArguments.Parse(["jupyter", "install", "--data-dir", "d"]));
        Assert.Equal("jupyter takes one command, install (got nothing)", Assert.IsType<UsageError>(CliArguments.Parse(["jupyter"])).Message);
        Assert.Equal("jupyter takes one command, install (got 'remove')", Assert.IsType<UsageError>(CliArguments.Parse(["jupyter", "remove"])).Message);
        Assert.IsType<UsageError>(CliArguments.Parse(["jupyter", "install", "--port", "1"]));
    }

    [Fact]
    public async Task The_kernelspec_names_the_engine_by_its_full_path_and_listens_locally()
    {
        using var temp = new TempFolder();
        var stdout = new StringWriter();

        var exit = await Program.RunAsync(["jupyter", "install", "--data-dir", temp.Path], ClassworkFiles.RepoRoot, stdout, stdout, CancellationToken.None);

        Assert.True(exit == 0, stdout.ToString());
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Path, "kernels", ".net-csharp", "kernel.json")))!;
        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        Assert.True(Path.IsPathRooted(argv[1]) && File.Exists(argv[1]), $"the engine: {argv[1]}");
        Assert.Equal(["jupyter", "--default-kernel", "csharp", "--http-local-only", "--http-port-range", "2048-3000", "{connection_file}"], argv[2..]);
        Assert.Equal("C#", spec["language"]!.GetValue<string>());
        Assert.Contains("listens on this machine only", stdout.ToString());
    }

    [JupyterFact]
    public async Task Jupyter_runs_a_notebook_outside_the_repository_with_the_installed_kernel()
    {
        using var temp = new TempFolder();
        var data = Directory.CreateDirectory(temp.File("jupyter")).FullName;
        var outside = Directory.CreateDirectory(temp.File("elsewhere")).FullName;
        var stdout = new StringWriter();
        Assert.Equal(0, await Program.RunAsync(["jupyter", "install", "--data-dir", data], ClassworkFiles.RepoRoot, stdout, stdout, CancellationToken.None));
        var notebook = Ipynb.CreateCSharp();
        notebook.AddCodeCell("var answer = 6 * 7;\nConsole.WriteLine($\"answer {answer} in {System.IO.Directory.GetCurrentDirectory()}\");");
        notebook.Save(Path.Combine(outside, "probe.ipynb"));

        var start = new ProcessStartInfo(JupyterFactAttribute.Python, "-m jupyter nbconvert --to notebook --execute probe.ipynb --output ran.ipynb")
        {
            WorkingDirectory = outside,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["JUPYTER_DATA_DIR"] = data;
        start.Environment["JUPYTER_PATH"] = data;
        using var jupyter = Process.Start(start)!;
        var errors = jupyter.StandardError.ReadToEndAsync();
        Assert.True(jupyter.WaitForExit(120_000), "nbconvert did not finish in 120 s");
        Assert.True(jupyter.ExitCode == 0, await errors);

        var ran = Ipynb.Load(Path.Combine(outside, "ran.ipynb"));
        Assert.Equal($"answer 42 in {outside}\n", ran.Cells[0].StreamText());
    }
}
