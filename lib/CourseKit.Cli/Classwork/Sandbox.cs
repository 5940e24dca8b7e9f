using System.Diagnostics;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// Where a student's notebook runs. With bubblewrap (<c>bwrap</c>, Debian package <c>bubblewrap</c>) the engine sees
/// only the system folders (read-only), the .NET install, the NuGet packages, the kit, and its own fresh work folder
/// (read-write), with no network, its own process-id space (so <c>Environment.Exit</c> or a kill ends only the sandbox)
/// and an emptied environment: the source, the answer key, the gradebook and every other submission are not there to
/// read or write. Without bwrap the notebook runs unsandboxed in its own temp folder, and the gradebook says
/// <c>"sandbox": "none"</c>.
/// </summary>
internal sealed class Sandbox
{
    private readonly string? _bwrap;

    private Sandbox(string? bwrap, string? unavailableReason)
    {
        _bwrap = bwrap;
        UnavailableReason = unavailableReason;
    }

    /// <summary>"bwrap" or "none": what the gradebook records.</summary>
    public string Name => _bwrap is null ? "none" : "bwrap";

    /// <summary>Why there is no sandbox (null when there is one).</summary>
    public string? UnavailableReason { get; }

    /// <summary>bwrap when it is installed and can start a sandbox here, else no sandbox and the reason.</summary>
    public static Sandbox Detect()
    {
        var bwrap = new[] { "/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap" }.FirstOrDefault(File.Exists);
        if (bwrap is null)
        {
            return new Sandbox(null, "bwrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)");
        }
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(bwrap)
            {
                ArgumentList = { "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true" },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            var error = probe.StandardError.ReadToEnd();
            if (!probe.WaitForExit(10_000) || probe.ExitCode != 0)
            {
                return new Sandbox(null, $"bwrap cannot start a sandbox here: {error.Trim()}");
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new Sandbox(null, $"bwrap cannot start: {e.Message}");
        }
        return new Sandbox(bwrap, null);
    }

    /// <summary>
    /// A wrapper that runs a command inside the sandbox with <paramref name="readOnly"/> folders visible,
    /// <paramref name="workFolder"/> writable and only <paramref name="environment"/> set; null when there is no sandbox.
    /// </summary>
    public Func<ChildCommand, ChildCommand>? Wrapper(
        IEnumerable<string> readOnly, string workFolder, IReadOnlyDictionary<string, string> environment)
    {
        if (_bwrap is not { } bwrap)
        {
            return null;
        }
        var folders = readOnly.Select(Path.GetFullPath).Distinct().ToList();
        return command =>
        {
            var args = new List<string> { "--clearenv", "--unshare-all", "--die-with-parent", "--new-session" };
            foreach (var system in new[] { "/usr", "/etc" })
            {
                args.AddRange(["--ro-bind", system, system]);
            }
            // Merged-/usr systems link /bin, /lib … into /usr; older ones have real folders.
            foreach (var top in new[] { "/bin", "/sbin", "/lib", "/lib32", "/lib64" })
            {
                var info = new DirectoryInfo(top);
                if (info.LinkTarget is { } target)
                {
                    args.AddRange(["--symlink", target, top]);
                }
                else if (info.Exists)
                {
                    args.AddRange(["--ro-bind", top, top]);
                }
            }
            args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);
            foreach (var folder in folders.Where(Directory.Exists))
            {
                args.AddRange(["--ro-bind", folder, folder]);
            }
            args.AddRange(["--bind", workFolder, workFolder, "--chdir", command.WorkingDirectory]);
            var home = Path.Combine(workFolder, "home");
            Directory.CreateDirectory(home);
            var env = new Dictionary<string, string>
            {
                ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
                ["HOME"] = home,
                ["DOTNET_CLI_HOME"] = home,
                ["TMPDIR"] = "/tmp",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
            };
            foreach (var (name, value) in environment)
            {
                env[name] = value;
            }
            foreach (var (name, value) in env)
            {
                args.AddRange(["--setenv", name, value]);
            }
            args.Add(command.FileName);
            args.AddRange(command.Arguments);
            return new ChildCommand(bwrap, args, command.WorkingDirectory);
        };
    }
}
