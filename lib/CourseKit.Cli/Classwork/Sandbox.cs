using System.Diagnostics;
using System.Globalization;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// Where a student's notebook (and the teacher's checks) run: bubblewrap (<c>bwrap</c>, Debian package
/// <c>bubblewrap</c>), started through util-linux's <c>prlimit</c> and, when grading runs as root, <c>setpriv</c>.
/// Inside, the process
/// <list type="bullet">
/// <item>runs as an unprivileged user of its own with no capabilities (as root, each sandbox gets its own uid, so that
/// the limit on processes counts only its own), in a new session, and dies with the grader;</item>
/// <item>sees the system folders, the .NET install, the worker and the kit, all read-only, and a fresh tmpfs at
/// <see cref="WorkFolder"/> and at /tmp, each of a fixed size that counts toward the memory limit (tmpfs pages are in
/// no process's resident memory); everything else, <c>/dev</c>, <c>/proc/sys</c> and the sandbox's own root included,
/// is read-only;</item>
/// <item>has no network, its own process ids, an emptied environment, a limit on processes and threads, on the size
/// of a file it writes, and no core dumps.</item>
/// </list>
/// Nothing of the grader's is visible: not the source, the answer key, the gradebook or another submission.
/// </summary>
internal sealed class Sandbox
{
    /// <summary>The sandbox's working folder (a tmpfs of its own).</summary>
    public const string WorkFolder = "/work";

    /// <summary>Processes and threads a sandbox may have (the worker itself uses about 30).</summary>
    public const int MaxTasks = 256;

    /// <summary>The first of the uids given to sandboxes when grading runs as root.</summary>
    public const int FirstUid = 61000;

    /// <summary>The uid of the probe that checks bwrap can start a sandbox: no grading slot's, so no fork bomb left in one can fail it.</summary>
    public const int ProbeUid = FirstUid - 1;

    private readonly string? _bwrap;

    private Sandbox(string? bwrap, string? unavailableReason)
    {
        _bwrap = bwrap;
        UnavailableReason = unavailableReason;
    }

    /// <summary>"bwrap" or "none": what the gradebook records.</summary>
    public string Name => _bwrap is null ? "none" : "bwrap";

    /// <summary>True when commands run inside bwrap.</summary>
    public bool IsIsolated => _bwrap is not null;

    /// <summary>Why there is no sandbox (null when there is one).</summary>
    public string? UnavailableReason { get; }

    /// <summary>No sandbox: `grade --no-sandbox`.</summary>
    public static Sandbox None(string reason) => new(null, reason);

    /// <summary>bwrap when it (with prlimit, and setpriv when root) is installed and can start a sandbox here, else the reason.</summary>
    public static Sandbox Detect()
    {
        var bwrap = Find("bwrap");
        if (bwrap is null)
        {
            return new Sandbox(null, "bwrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)");
        }
        if (Find("prlimit") is null || (IsRoot && Find("setpriv") is null))
        {
            return new Sandbox(null, "prlimit or setpriv is missing (Debian/Ubuntu: apt-get install util-linux)");
        }
        var sandbox = new Sandbox(bwrap, null);
        try
        {
            var probe = sandbox.Wrap(new ChildCommand("/bin/true", [], WorkFolder), new SandboxLimits([], ProbeUid, 16 << 20, new Dictionary<string, string>()));
            var info = new ProcessStartInfo(probe.FileName) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = probe.WorkingDirectory };
            foreach (var argument in probe.Arguments)
            {
                info.ArgumentList.Add(argument);
            }
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000) || process.ExitCode != 0)
            {
                return new Sandbox(null, $"bwrap cannot start a sandbox here: {error.Trim()}");
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new Sandbox(null, $"bwrap cannot start: {e.Message}");
        }
        return sandbox;
    }

    /// <summary>A wrapper that runs a command inside the sandbox under <paramref name="limits"/>; null when there is no sandbox.</summary>
    public Func<ChildCommand, ChildCommand>? Wrapper(SandboxLimits limits) => _bwrap is null ? null : command => Wrap(command, limits);

    private ChildCommand Wrap(ChildCommand command, SandboxLimits limits)
    {
        var args = new List<string>
        {
            $"--nproc={MaxTasks + (IsRoot ? 0 : TasksOfThisUser())}",
            // A file may not outgrow its tmpfs (which says "no space" first): this only guards what a tmpfs does not.
            $"--fsize={limits.TmpfsBytes + (1 << 20)}",
            "--core=0",
            "--",
        };
        if (IsRoot)
        {
            var id = limits.Uid.ToString(CultureInfo.InvariantCulture);
            args.AddRange([Find("setpriv")!, $"--reuid={id}", $"--regid={id}", "--clear-groups", "--"]);
        }
        args.AddRange([_bwrap!, "--clearenv", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]);
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
        // /dev and the sandbox's own root are tmpfs that nothing counts: read-only, so only the two sized ones take writes.
        args.AddRange(["--proc", "/proc", "--ro-bind", "/proc/sys", "/proc/sys", "--dev", "/dev", "--remount-ro", "/dev"]);
        var size = limits.TmpfsBytes.ToString(CultureInfo.InvariantCulture);
        args.AddRange(["--size", size, "--tmpfs", "/tmp", "--size", size, "--tmpfs", WorkFolder]);
        foreach (var folder in limits.ReadOnly.Select(Path.GetFullPath).Distinct().Where(Directory.Exists))
        {
            args.AddRange(["--ro-bind", folder, folder]);
        }
        args.AddRange(["--remount-ro", "/", "--chdir", WorkFolder]);
        var env = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = WorkFolder,
            ["DOTNET_CLI_HOME"] = WorkFolder,
            ["TMPDIR"] = "/tmp",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_DbgEnableMiniDump"] = "0",
        };
        foreach (var (name, value) in limits.Environment)
        {
            env[name] = value;
        }
        foreach (var (name, value) in env)
        {
            args.AddRange(["--setenv", name, value]);
        }
        args.Add(command.FileName);
        args.AddRange(command.Arguments);
        // Outside, the command starts in a folder everyone can enter; inside, it is in the work folder.
        return new ChildCommand(Find("prlimit")!, args, "/");
    }

    /// <summary>Whether grading runs as root: then each sandbox runs as a uid of its own (<see cref="SandboxUids"/>).</summary>
    internal static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    // Without root the limit on processes counts all of this user's: allow for those already running.
    private static int TasksOfThisUser()
    {
        try
        {
            return UserTasks.Count(UserTasks.OwnUid());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return 4096;
        }
    }

    private static string? Find(string program) =>
        new[] { "/usr/bin", "/usr/local/bin", "/bin", "/usr/sbin", "/sbin" }.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
