using System.Text.Json.Nodes;
using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

public class GradebookTests
{
    private static readonly ClassworkSource Source = ClassworkFiles.UnitOutput();

    private static GradebookEntry Entry(string student, double z, string? error = null, string? note = null) =>
        new(student, student + ".ipynb", "sha-" + student, 12, error is null ? "graded" : "not graded",
            [new ItemScore("check-o-is-a-sigmoid-output", 1, 1, null), new ItemScore("check-z", z, 2, z < 2 ? "z is wrong, \"very\"" : null),
             new ItemScore("check-o", 0, 2, "o is wrong")],
            error is null ? [] : [error], note is null ? [] : [note], 3.25);

    [Fact]
    public void The_csv_has_one_column_per_check_and_quotes_what_needs_quoting()
    {
        var gradebook = new Gradebook(Source, "abc", "bwrap");
        gradebook.Set(Entry("bob", 0, error: "=HYPERLINK(\"x\"), a formula"));
        gradebook.Set(Entry("alice", 2, note: "cell 9 'check-z' was deleted; restored from the source"));

        var lines = gradebook.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("student,check-o-is-a-sigmoid-output,check-z,check-o,total,max_points,status,errors,notes", lines[0]);
        Assert.Equal("alice,1,2,0,3,5,graded,,cell 9 'check-z' was deleted; restored from the source", lines[1]);
        Assert.Equal("bob,1,0,0,1,5,not graded,\"'=HYPERLINK(\"\"x\"\"), a formula\",", lines[2]);
    }

    [Fact]
    public void Saving_is_atomic_and_a_rerun_reads_the_entries_back_for_the_same_source_only()
    {
        using var temp = new TempFolder();
        var gradebook = new Gradebook(Source, "abc", "bwrap");
        gradebook.Set(Entry("alice", 2));
        gradebook.Set(Entry("bob", 0, error: "kernel is python3, expected .net-csharp: bob.ipynb"));

        gradebook.Save(temp.Path);

        Assert.Equal(["gradebook.csv", "gradebook.json"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
        var json = JsonNode.Parse(File.ReadAllText(temp.File("gradebook.json")))!;
        Assert.Equal("bwrap", json["sandbox"]!.GetValue<string>());
        Assert.Equal(3, json["students"]![0]!["total"]!.GetValue<double>());

        var again = new Gradebook(Source, "abc", "bwrap").LoadEarlier(temp.Path, out var reason);
        Assert.Null(reason);
        Assert.Equal(gradebook.Entries, again, new EntryComparer());

        var otherSource = new Gradebook(Source, "def", "bwrap").LoadEarlier(temp.Path, out reason);
        Assert.Empty(otherSource);
        Assert.Equal("the source changed since the last run; grading everyone again", reason);
    }

    private sealed class EntryComparer : IEqualityComparer<GradebookEntry>
    {
        public bool Equals(GradebookEntry? a, GradebookEntry? b) =>
            a is not null && b is not null && a.Student == b.Student && a.Sha256 == b.Sha256 && a.Seed == b.Seed && a.Status == b.Status
            && a.Items.SequenceEqual(b.Items) && a.Errors.SequenceEqual(b.Errors) && a.Notes.SequenceEqual(b.Notes) && a.Total == b.Total;

        public int GetHashCode(GradebookEntry entry) => entry.Student.GetHashCode();
    }
}
