using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>
/// A whole class, end to end, once: assign the shipped 01-unit-output to a roster of three, collect two real answers
/// (one right, one wrong; the third student sends nothing) and a dozen hostile submissions, grade them all with the
/// real engine in the sandbox, then change one submission and grade again (the re-run resumes).
/// </summary>
public sealed class ClassworkGradingFixture : IAsyncLifetime
{
    // Generous: on two busy cores a submission that prints megabytes has taken 25 s.
    public const int TimeLimitSeconds = 40;

    public TempFolder Temp { get; } = new();
    public string Source => ClassworkFiles.Shipped("01-unit-output");
    public string Assigned => Temp.File("assigned");
    public string Submissions => Temp.File("submitted");
    public string Graded => Temp.File("graded");
    public string AnswerKey => Path.Combine(Assigned, "teacher", "answer-key.json");

    public (int Exit, string Output) Assign { get; private set; }
    public (int Exit, string Output, double Seconds) FirstGrading { get; private set; }
    public (int Exit, string Output, double Seconds) Regrading { get; private set; }
    public JsonObject FirstGradebook { get; private set; } = null!;
    public JsonObject Gradebook { get; private set; } = null!;

    /// <summary>The students graded in the first run (submissions and the roster's missing student).</summary>
    public int FirstGradedCount { get; private set; }

    public JsonObject Student(JsonObject gradebook, string id) =>
        gradebook["students"]!.AsArray().Select(s => s!.AsObject()).Single(s => s["student"]!.GetValue<string>() == id);

    public async Task InitializeAsync()
    {
        await KitFixture.EnsureAsync();
        File.WriteAllText(Temp.File("roster.txt"), "alice\nbob\ncarol\n");
        Assign = await RunAsync(["assign", Source, "--roster", Temp.File("roster.txt"), "--out", Assigned]);
        if (Assign.Exit != 0)
        {
            throw new InvalidOperationException($"assign failed:\n{Assign.Output}");
        }
        WriteSubmissions();
        // Every entry but the checkpoint folder, and carol, who sent nothing.
        FirstGradedCount = Directory.GetFileSystemEntries(Submissions).Length - 1 + 1;

        var clock = Stopwatch.StartNew();
        var first = await RunAsync(Grade());
        FirstGrading = (first.Exit, first.Output, clock.Elapsed.TotalSeconds);
        FirstGradebook = ReadGradebook();

        // Bob fixes his answer; everyone else's file is unchanged.
        var bob = Path.Combine(Submissions, "bob.ipynb");
        var fixedBob = Ipynb.Load(bob);
        ClassworkFiles.CellWithId(fixedBob, "answer").Source =
            ClassworkFiles.CellWithId(fixedBob, "answer").Source.Replace("+ i[2] * w[2];", "+ i[2] * w[2] + b;");
        fixedBob.Save(bob);
        clock.Restart();
        var again = await RunAsync(Grade());
        Regrading = (again.Exit, again.Output, clock.Elapsed.TotalSeconds);
        Gradebook = ReadGradebook();
    }

    public Task DisposeAsync()
    {
        Temp.Dispose();
        return Task.CompletedTask;
    }

    // Where bwrap cannot start (a machine without it), grading runs unsandboxed and the sandbox facts are skipped.
    private string[] Grade() =>
        ["grade", Source, Submissions, "--roster", Temp.File("roster.txt"), "--out", Graded, "--timeout", TimeLimitSeconds.ToString(),
         .. Sandbox.Detect().IsIsolated ? Array.Empty<string>() : ["--no-sandbox"]];

    private JsonObject ReadGradebook() => JsonNode.Parse(File.ReadAllText(Path.Combine(Graded, "gradebook.json")))!.AsObject();

    private static async Task<(int Exit, string Output)> RunAsync(string[] args)
    {
        var stdout = new StringWriter();
        var exit = await Program.RunAsync(args, ClassworkFiles.RepoRoot, stdout, stdout, CancellationToken.None);
        return (exit, stdout.ToString());
    }

    private void WriteSubmissions()
    {
        Directory.CreateDirectory(Submissions);
        var source = ClassworkSource.Load(Source);

        // Alice hands in the folder layout (alice/NAME.ipynb), everyone else a file named after themselves.
        Directory.CreateDirectory(Path.Combine(Submissions, "alice"));
        Fill("alice", ClassworkFiles.UnitOutputAnswer, Path.Combine("alice", "01-unit-output.ipynb"));
        // Bob forgets the bias.
        Fill("bob", "z = i[0] * w[0] + i[1] * w[1] + i[2] * w[2];\no = 1 / (1 + Math.Exp(-z));");

        File.WriteAllText(Path.Combine(Submissions, "h-malformed-json.ipynb"), "{\"cells\": [");
        // A file name that is no student id, and Jupyter's checkpoint folder, which is no student at all.
        Fill("alice", ClassworkFiles.UnitOutputAnswer, "h bad \"name\".ipynb");
        Directory.CreateDirectory(Path.Combine(Submissions, ".ipynb_checkpoints"));
        Fill("alice", ClassworkFiles.UnitOutputAnswer, Path.Combine(".ipynb_checkpoints", "alice-checkpoint.ipynb"));

        var python = ClassworkFiles.Answered(source, "h-python-kernel", ClassworkFiles.UnitOutputAnswer);
        python.Metadata["kernelspec"] = new JsonObject { ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python" };
        Save("h-python-kernel", python);

        var deleted = ClassworkFiles.Answered(source, "h-deleted-test", ClassworkFiles.UnitOutputAnswer);
        ClassworkFiles.RemoveCell(deleted, ClassworkFiles.IndexOfId(deleted, "check-z"));
        Save("h-deleted-test", deleted);

        var moved = ClassworkFiles.Answered(source, "h-moved-cells", ClassworkFiles.UnitOutputAnswer);
        ClassworkFiles.MoveCell(moved, ClassworkFiles.IndexOfId(moved, "check-o"), 1);
        Save("h-moved-cells", moved);

        var duplicated = ClassworkFiles.Answered(source, "h-duplicate-ids", ClassworkFiles.UnitOutputAnswer);
        ClassworkFiles.DuplicateCell(duplicated, ClassworkFiles.IndexOfId(duplicated, "answer"));
        Save("h-duplicate-ids", duplicated);

        // A wrong answer with every check emptied: the checks come back and fail.
        var edited = ClassworkFiles.Answered(source, "h-edited-tests", "z = 0;\no = 0.5;");
        foreach (var test in source.Tests)
        {
            ClassworkFiles.CellWithId(edited, test.Id!).Source = "// all good";
        }
        Save("h-edited-tests", edited);

        // Alice's notebook handed in under another name: graded with that name's numbers, and noted.
        ClassworkFiles.Answered(source, "alice", ClassworkFiles.UnitOutputAnswer).Save(Path.Combine(Submissions, "h-copied-from-alice.ipynb"));
        Fill("h-infinite-loop", "while (true) { }");
        Fill("h-exception-at-load", """
            z = Weights.First;
            o = 0.5;
            static class Weights
            {
                public static readonly double First = Load();
                static double Load() => throw new InvalidOperationException("boom at load");
            }
            """);
        Fill("h-gigantic-output", ClassworkFiles.UnitOutputAnswer + "\nfor (var k = 0; k < 60_000; k++) Console.WriteLine(new string('x', 100));");
        Fill("h-reads-the-answers", $$"""
            foreach (var secret in new[] { @"{{AnswerKey}}", @"{{Source}}" })
            {
                try { Console.WriteLine($"read {System.IO.File.ReadAllText(secret).Length} characters of {secret}"); }
                catch (Exception e) { Console.WriteLine($"cannot read {secret}: {e.GetType().Name}"); }
            }
            var key = System.IO.File.ReadAllText(@"{{AnswerKey}}");
            {{ClassworkFiles.UnitOutputAnswer}}
            """);
        Fill("h-writes-the-gradebook", $$"""
            try
            {
                System.IO.File.WriteAllText(@"{{Path.Combine(Graded, "gradebook.json")}}", "{}");
                System.IO.File.WriteAllText(@"{{Path.Combine(Graded, "gradebook.csv")}}", "h-writes-the-gradebook,100");
                Console.WriteLine("wrote the gradebook");
            }
            catch (Exception e) { Console.WriteLine($"cannot write the gradebook: {e.GetType().Name}"); }
            {{ClassworkFiles.UnitOutputAnswer}}
            """);
        Fill("h-exits", ClassworkFiles.UnitOutputAnswer + "\nEnvironment.Exit(0);");
        // Writes an executed notebook without errors where the engine would write its own, then exits.
        Fill("h-forges-a-result", ClassworkFiles.UnitOutputAnswer + """

            System.IO.Directory.CreateDirectory("out");
            System.IO.File.WriteAllText("out/submission.ipynb", "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
            Environment.Exit(0);
            """);
        Fill("h-memory-hog", "var hog = new List<byte[]>();\nwhile (true) { hog.Add(new byte[1 << 20]); hog[^1][0] = 1; }");
        // The same on a thread of its own: the OutOfMemoryException is unhandled there and ends the engine.
        Fill("h-memory-hog-on-a-thread", """
            new System.Threading.Thread(() => { var hog = new List<byte[]>(); while (true) hog.Add(new byte[1 << 20]); }).Start();
            System.Threading.Thread.Sleep(20_000);
            """);
        // Native memory, which the managed heap limit does not see: the resident-memory watch stops it.
        Fill("h-native-memory-hog", """
            var blocks = new List<IntPtr>();
            while (true)
            {
                var block = System.Runtime.InteropServices.Marshal.AllocHGlobal(1 << 24);
                for (var k = 0; k < 1 << 24; k += 4096) System.Runtime.InteropServices.Marshal.WriteByte(block, k, 1);
                blocks.Add(block);
            }
            """);

        // Attacks on the checks themselves: each hands in a wrong answer (z = 0, o = 0.5 earns the one point of the
        // sigmoid-range check) and tries to make the checks pass anyway.
        const string wrong = "z = 0;\no = 0.5;";
        Fill("h-redefines-check", wrong + """

            void Check(bool passed, string message) { }
            bool Close(double a, double b, double tolerance = 1e-6) => true;
            """);
        Fill("h-overwrites-the-data", wrong + "\ni = new[] { 0.0, 0.0, 0.0 };\nw = new[] { 0.0, 0.0, 0.0 };\nb = 0;");
        Fill("h-shadows-math", wrong + "\nstatic class Math { public static double Exp(double x) => 1; public static double Abs(double x) => 0; }");
        // Middleware that would skip every later cell with a check in it and record what it was asked to run.
        var middleware = ClassworkFiles.Answered(source, "h-kernel-middleware", wrong + """

            var seen = new System.Collections.Generic.List<string>();
            Microsoft.DotNet.Interactive.Kernel.Root.AddMiddleware(async (command, context, next) =>
            {
                var code = (command as Microsoft.DotNet.Interactive.Commands.SubmitCode)?.Code ?? "";
                seen.Add(code);
                System.IO.File.AppendAllText("seen.txt", code + "\n----\n");
                if (!code.Contains("Check(")) await next(command, context);
            });
            """);
        middleware.AddCodeCell("Console.WriteLine(System.IO.File.Exists(\"seen.txt\") ? System.IO.File.ReadAllText(\"seen.txt\") : \"nothing seen\");");
        Save("h-kernel-middleware", middleware);
        // Forged protocol: tells the grader, on every descriptor the process has, that the checks ran and passed.
        Fill("h-forges-the-protocol", wrong + """

            foreach (var fd in System.IO.Directory.GetFiles("/proc/self/fd"))
            {
                try
                {
                    using var stream = new System.IO.FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)int.Parse(System.IO.Path.GetFileName(fd)), false), System.IO.FileAccess.Write);
                    var forged = "{\"event\":\"done\",\"cell\":8,\"ok\":true,\"seconds\":0}\n{\"event\":\"done\",\"cell\":9,\"ok\":true,\"seconds\":0}\n{\"event\":\"done\",\"cell\":10,\"ok\":true,\"seconds\":0}\n";
                    stream.Write(System.Text.Encoding.UTF8.GetBytes(forged));
                }
                catch (Exception) { }
            }
            Environment.Exit(0);
            """);
        // Root inside the sandbox: the kit's folder remounted writable, /etc/shadow, /proc/sys.
        var kit = Path.GetDirectoryName(source.KitReferences[0])!;
        Fill("h-tries-root", ClassworkFiles.UnitOutputAnswer + $$"""

            Console.WriteLine($"uid {System.IO.File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:"))}");
            void Try(string what, Action action) { try { action(); Console.WriteLine($"{what}: done"); } catch (Exception e) { Console.WriteLine($"{what}: {e.GetType().Name}"); } }
            Try("read /etc/shadow", () => System.IO.File.ReadAllText("/etc/shadow"));
            Try("write /proc/sys", () => System.IO.File.WriteAllText("/proc/sys/kernel/hostname", "pwned"));
            Try("write the kit", () => System.IO.File.WriteAllText(@"{{kit}}/pwned.txt", "pwned"));
            var mount = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/mount", new[] { "-o", "remount,rw", @"{{kit}}" }) { RedirectStandardError = true })!;
            mount.WaitForExit();
            Console.WriteLine($"remount exit code {mount.ExitCode}");
            Try("write the kit after remount", () => System.IO.File.WriteAllText(@"{{kit}}/pwned.txt", "pwned"));
            """);
        // Files in the work folder that would stop or mislead a grader that read them back.
        Fill("h-plants-files", ClassworkFiles.UnitOutputAnswer + """

            System.IO.Directory.CreateDirectory("out");
            System.IO.File.CreateSymbolicLink("out/submission.log", "/nonexistent/target");
            System.IO.File.CreateSymbolicLink("submission.ipynb", "/etc/passwd");
            System.IO.File.CreateSymbolicLink("out/submission.ipynb", "/dev/zero");
            System.Diagnostics.Process.Start("/usr/bin/mkfifo", new[] { "out/checks.log" })!.WaitForExit();
            Console.WriteLine("planted");
            """);
        // Resources: a fork bomb, a thread bomb and a disk filler, each stopped by a limit.
        Fill("h-fork-bomb", ClassworkFiles.UnitOutputAnswer + """

            var started = 0;
            try { for (var k = 0; k < 2000; k++) { System.Diagnostics.Process.Start("/bin/sleep", "30"); started++; } }
            catch (Exception e) { Console.WriteLine($"stopped after {started}: {e.GetType().Name}"); }
            // Holds them while the next student's worker starts beside this notebook: it must not share their limit.
            System.Threading.Thread.Sleep(10_000);
            """);
        Fill("h-fills-the-disk", ClassworkFiles.UnitOutputAnswer + """

            var written = 0L;
            try
            {
                using var file = System.IO.File.Create("big.bin");
                var block = new byte[1 << 20];
                while (written < (8L << 30)) { file.Write(block); written += block.Length; }
            }
            catch (Exception e) { Console.WriteLine($"stopped after {written >> 20} MB: {e.GetType().Name}"); }
            """);
        // Feedback that would run script: an HTML output and raw HTML in a markdown cell rewrite the score.
        Fill("h-scripts-the-feedback", wrong + """

            display(Microsoft.DotNet.Interactive.Kernel.HTML("<script>document.body.innerHTML = document.body.innerHTML.replace('Score: 1 / 5', 'Score: 5 / 5')</script><b id='student-html'>bold</b>"));
            """);
        var scripted = ClassworkFiles.Answered(source, "h-scripts-the-markdown", wrong);
        scripted.AddMarkdownCell("<img src=x onerror=\"document.title='pwned'\"><script>alert(1)</script> **notes**");
        Save("h-scripts-the-markdown", scripted);
        // Bad files: duplicate keys in the JSON, a 255-character name, links and special files, a huge notebook.
        File.WriteAllText(Path.Combine(Submissions, "h-duplicate-keys.ipynb"),
            """{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": ".net-csharp"}}, "cells": [], "cells": []}""");
        Directory.CreateDirectory(Path.Combine(Submissions, new string('x', 255)));
        Fill("alice", ClassworkFiles.UnitOutputAnswer, Path.Combine(new string('x', 255), "01-unit-output.ipynb"));
        File.CreateSymbolicLink(Path.Combine(Submissions, "h-link-to-zero.ipynb"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(Submissions, "h-link-to-passwd.ipynb"), "/etc/passwd");
        System.Diagnostics.Process.Start("/usr/bin/mkfifo", [Path.Combine(Submissions, "h-fifo.ipynb")])!.WaitForExit();
        using (var huge = File.Create(Path.Combine(Submissions, "h-huge.ipynb")))
        {
            huge.SetLength(200L << 20);
        }
        Fill("alice", ClassworkFiles.UnitOutputAnswer, "h-escape\u001b[2J\u001b[31mred.ipynb");
        // Honest students graded after all of that (the ids sort last): each must keep full marks.
        Fill("zz-honest-1", ClassworkFiles.UnitOutputAnswer);
        Fill("zz-honest-2", ClassworkFiles.UnitOutputAnswer);
        Fill("zz-honest-3", ClassworkFiles.UnitOutputAnswer);

        void Fill(string student, string answer, string? file = null) =>
            ClassworkFiles.Answered(source, student, answer).Save(Path.Combine(Submissions, file ?? student + ".ipynb"));

        void Save(string student, Ipynb notebook) => notebook.Save(Path.Combine(Submissions, student + ".ipynb"));
    }
}
