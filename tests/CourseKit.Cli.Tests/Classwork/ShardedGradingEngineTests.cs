using System.Text.Json.Nodes;
using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>
/// A class graded in three shards (as three machines of a cluster would) and merged gives the gradebook of one
/// unsharded run: the same students, scores and statuses, each student graded in exactly one shard.
/// </summary>
[Collection(EngineCollection.Name)]
public class ShardedGradingEngineTests : IAsyncLifetime
{
    private const string WrongAnswer = "z = i[0] * w[0] + i[1] * w[1] + i[2] * w[2];\no = 1 / (1 + Math.Exp(-z));";

    public Task InitializeAsync() => KitFixture.EnsureAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Three_shards_merged_equal_one_unsharded_run()
    {
        using var temp = new TempFolder();
        var source = ClassworkSource.Load(ClassworkFiles.Shipped("01-unit-output"));
        string[] students = ["ana", "ben", "cho", "dev", "eli", "fay", "gus"];
        // gus is on the roster but sends nothing: his "missing" entry must come from exactly one shard too.
        File.WriteAllText(temp.File("roster.txt"), string.Join('\n', students));
        Directory.CreateDirectory(temp.File("submitted"));
        foreach (var (student, k) in students[..^1].Select((s, k) => (s, k)))
        {
            ClassworkFiles.Answered(source, student, k % 2 == 0 ? ClassworkFiles.UnitOutputAnswer : WrongAnswer)
                .Save(temp.File($"submitted/{student}.ipynb"));
        }
        var shardOf = students.ToDictionary(s => s, s => Shard.Of(s, 3));
        Assert.True(shardOf.Values.Distinct().Count() == 3, $"this roster should reach every shard: {string.Join(", ", shardOf)}");

        await GradeAsync(temp, temp.File("whole"));
        for (var k = 1; k <= 3; k++)
        {
            await GradeAsync(temp, temp.File($"shard-{k}"), "--shard", $"{k}/3");
        }
        var output = new StringWriter();
        var merge = await Program.RunAsync(
            ["gradebook", "merge", source.Path, "--out", temp.File("merged"), temp.File("shard-1"), temp.File("shard-2"), temp.File("shard-3")],
            temp.Path, output, output, CancellationToken.None);

        Assert.True(merge == 0, output.ToString());
        for (var k = 1; k <= 3; k++)
        {
            Assert.Equal(students.Where(s => shardOf[s] == k).Order(), Entries(temp.File($"shard-{k}")).Keys.Order());
        }
        var whole = Entries(temp.File("whole"));
        var merged = Entries(temp.File("merged"));
        Assert.Equal(whole.Keys.Order(), merged.Keys.Order());
        foreach (var student in students)
        {
            Assert.True(Summary(whole[student]) == Summary(merged[student]),
                $"{student}: {Summary(whole[student])} unsharded, but {merged[student].ToJsonString()} in its shard; its log:\n{Log(temp, student)}");
            if (student != "gus")
            {
                Assert.True(File.Exists(temp.File($"merged/feedback/{student}.html")), $"no feedback page for {student}");
            }
        }
        Assert.Equal(5, whole["ana"]["total"]!.GetValue<double>());
        Assert.Equal(1, whole["ben"]["total"]!.GetValue<double>());
        Assert.Equal("missing", whole["gus"]["status"]!.GetValue<string>());
        Assert.Equal(
            File.ReadAllLines(temp.File("whole/gradebook.csv")).Skip(1).Order(),
            File.ReadAllLines(temp.File("merged/gradebook.csv")).Skip(1).Order());
    }

    [Fact]
    public async Task Overlapping_shards_are_refused_naming_the_student()
    {
        using var temp = new TempFolder();
        var source = ClassworkSource.Load(ClassworkFiles.Shipped("01-unit-output"));
        Directory.CreateDirectory(temp.File("submitted"));
        ClassworkFiles.Answered(source, "ana", ClassworkFiles.UnitOutputAnswer).Save(temp.File("submitted/ana.ipynb"));
        await GradeAsync(temp, temp.File("one"));
        await GradeAsync(temp, temp.File("two"));
        var output = new StringWriter();

        var exit = await Program.RunAsync(["gradebook", "merge", source.Path, "--out", temp.File("merged"), temp.File("one"), temp.File("two")],
            temp.Path, output, output, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains($"ana is graded in both {temp.File("one")} and {temp.File("two")}: the shards overlap", output.ToString());
        Assert.False(File.Exists(temp.File("merged/gradebook.json")));
    }

    private static async Task GradeAsync(TempFolder temp, string outFolder, params string[] extra)
    {
        var output = new StringWriter();
        string[] roster = File.Exists(temp.File("roster.txt")) ? ["--roster", temp.File("roster.txt")] : [];
        var exit = await Program.RunAsync(
            ["grade", ClassworkFiles.Shipped("01-unit-output"), temp.File("submitted"), "--out", outFolder, .. roster, .. extra, .. ClassworkFiles.SandboxOption],
            temp.Path, output, output, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
    }

    // The shard's record of how the student's notebook ran, for a failure message.
    private static string Log(TempFolder temp, string student) =>
        Enumerable.Range(1, 3).Select(k => temp.File($"shard-{k}/executed/{student}.log")).Where(File.Exists).Select(File.ReadAllText).FirstOrDefault() ?? "(none)";

    private static Dictionary<string, JsonObject> Entries(string folder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "gradebook.json")))!["students"]!.AsArray()
            .Select(s => s!.AsObject())
            .ToDictionary(s => s["student"]!.GetValue<string>());

    // Everything a teacher reads about a student, without the run's times.
    private static string Summary(JsonObject entry) =>
        $"{entry["status"]} {entry["total"]}/{entry["max_points"]} {entry["items"]?.ToJsonString()} {entry["sha256"]}";
}
