using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

public class SubmissionFindAndSandboxTests
{
    [Fact]
    public void Submissions_are_files_or_folders_named_after_students_and_the_roster_adds_who_sent_nothing()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bob.ipynb"), "{}");
        File.WriteAllText(temp.File("notes.txt"), "not a notebook");
        Directory.CreateDirectory(temp.File("alice"));
        File.WriteAllText(temp.File("alice/scratch.ipynb"), "{}");
        File.WriteAllText(temp.File("alice/03-rnn-pos.ipynb"), "{}");
        Directory.CreateDirectory(temp.File("dana"));
        File.WriteAllText(temp.File("dana/a.ipynb"), "{}");
        File.WriteAllText(temp.File("dana/b.ipynb"), "{}");
        Directory.CreateDirectory(temp.File(".ipynb_checkpoints"));
        File.WriteAllText(temp.File(".ipynb_checkpoints/bob-checkpoint.ipynb"), "{}");

        var found = Submission.Find(temp.Path, "03-rnn-pos", ["alice", "bob", "carol"]);

        Assert.Equal(["alice", "bob", "carol", "dana"], found.Select(s => s.Student));
        Assert.Equal(temp.File("alice/03-rnn-pos.ipynb"), found[0].Path);
        Assert.Equal(temp.File("bob.ipynb"), found[1].Path);
        Assert.Null(found[2].Path);
        Assert.Equal($"{temp.File("dana")} holds 2 notebooks and none is named 03-rnn-pos.ipynb; keep one", found[3].Problem);
    }

    [SandboxFact]
    public void The_sandbox_drops_root_limits_processes_and_files_and_shows_only_the_system_the_given_folders_and_its_tmpfs()
    {
        using var temp = new TempFolder();
        var kit = Directory.CreateDirectory(temp.File("kit")).FullName;
        var limits = new SandboxLimits([kit], Sandbox.FirstUid + 7, 64 << 20, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x1000" });
        var wrap = Sandbox.Detect().Wrapper(limits)!;

        var command = wrap(new ChildCommand("/usr/bin/dotnet", ["coursekit-worker.dll"], Sandbox.WorkFolder));

        var args = string.Join(' ', command.Arguments);
        Assert.EndsWith("prlimit", command.FileName);
        Assert.StartsWith($"--nproc=", args);
        Assert.Contains($"--fsize={(64 << 20) + (1 << 20)} --core=0 -- ", args);
        if (Environment.UserName == "root")
        {
            Assert.Contains($"setpriv --reuid={Sandbox.FirstUid + 7} --regid={Sandbox.FirstUid + 7} --clear-groups -- ", args);
        }
        Assert.Contains("bwrap --clearenv --unshare-all --die-with-parent --new-session --cap-drop ALL ", args);
        Assert.Contains("--proc /proc --ro-bind /proc/sys /proc/sys --dev /dev --remount-ro /dev", args);
        Assert.Contains($"--size {64 << 20} --tmpfs /tmp --size {64 << 20} --tmpfs /work", args);
        Assert.Contains($"--ro-bind {kit} {kit}", args);
        Assert.Contains("--remount-ro / --chdir /work", args);
        Assert.Contains("--setenv DOTNET_GCHeapHardLimit 0x1000", args);
        Assert.Contains("--setenv HOME /work", args);
        Assert.EndsWith("/usr/bin/dotnet coursekit-worker.dll", args);
        Assert.DoesNotContain(ClassworkFiles.RepoRoot + " ", args);
    }
}
