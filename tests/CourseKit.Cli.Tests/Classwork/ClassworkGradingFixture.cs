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

    private string[] Grade() =>
        ["grade", Source, Submissions, "--roster", Temp.File("roster.txt"), "--out", Graded, "--timeout", TimeLimitSeconds.ToString()];

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

        void Fill(string student, string answer, string? file = null) =>
            ClassworkFiles.Answered(source, student, answer).Save(Path.Combine(Submissions, file ?? student + ".ipynb"));

        void Save(string student, Ipynb notebook) => notebook.Save(Path.Combine(Submissions, student + ".ipynb"));
    }
}
