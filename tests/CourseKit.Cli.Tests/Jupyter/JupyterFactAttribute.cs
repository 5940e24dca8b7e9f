using System.Diagnostics;

namespace CourseKit.Cli.Tests.Jupyter;

/// <summary>A fact that runs a notebook in Jupyter itself: skipped, saying how to install it, where Jupyter's nbconvert is missing (.ci/run installs it).</summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    /// <summary>The Python that has Jupyter: Debian's, not the one a virtual environment puts first on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, "-m jupyter nbconvert --version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit(30_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public JupyterFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = $"needs Jupyter's nbconvert under {Python}: sudo apt-get install jupyter-nbconvert python3-nbclient";
        }
    }
}
