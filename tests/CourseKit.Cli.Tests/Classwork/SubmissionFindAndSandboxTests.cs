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
    public void The_sandbox_shows_only_the_system_the_given_folders_and_the_work_folder_with_an_emptied_environment()
    {
        using var temp = new TempFolder();
        var work = Directory.CreateDirectory(temp.File("work")).FullName;
        var kit = Directory.CreateDirectory(temp.File("kit")).FullName;
        var wrap = Sandbox.Detect().Wrapper([kit], work, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x1000" })!;

        var command = wrap(new ChildCommand("/usr/bin/dotnet", ["repl.dll", "--run", "x.ipynb"], work));

        var args = string.Join(' ', command.Arguments);
        Assert.EndsWith("bwrap", command.FileName);
        Assert.StartsWith("--clearenv --unshare-all --die-with-parent --new-session ", args);
        Assert.Contains($"--ro-bind {kit} {kit}", args);
        Assert.Contains($"--bind {work} {work} --chdir {work}", args);
        Assert.Contains("--tmpfs /tmp", args);
        Assert.Contains("--setenv DOTNET_GCHeapHardLimit 0x1000", args);
        Assert.Contains($"--setenv HOME {work}/home", args);
        Assert.EndsWith("/usr/bin/dotnet repl.dll --run x.ipynb", args);
        Assert.DoesNotContain(ClassworkFiles.RepoRoot + " ", args);
    }
}
