using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

public class StudentSeedAndRosterTests
{
    [Fact]
    public void A_students_seed_is_stable_in_range_and_differs_between_students_and_assignments()
    {
        var alice = StudentSeed.For("03-rnn-pos", "alice");

        Assert.Equal(alice, StudentSeed.For("03-rnn-pos", "alice"));
        Assert.InRange(alice, 1, StudentSeed.Range);
        Assert.NotEqual(alice, StudentSeed.For("03-rnn-pos", "bob"));
        Assert.NotEqual(alice, StudentSeed.For("04-lstm-step", "alice"));
    }

    [Fact]
    public void The_seed_line_is_read_and_rewritten_in_place()
    {
        var cell = "// Do not change it.\nvar seed = 0;\nConsole.WriteLine(seed);";

        Assert.Equal(0, StudentSeed.Read(cell));
        Assert.Equal("// Do not change it.\nvar seed = 4711;\nConsole.WriteLine(seed);", StudentSeed.Write(cell, 4711));
        Assert.Null(StudentSeed.Read("var seed = 1;\nvar seed = 2;"));
        Assert.Null(StudentSeed.Read("var seeds = 1;"));
    }

    [Fact]
    public void A_text_roster_skips_blank_and_comment_lines()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("class.txt"), "# CSE440 section 2\nalice\n\n  bob  \ncarol.smith\n");

        Assert.Equal(["alice", "bob", "carol.smith"], Roster.Load(temp.File("class.txt")));
    }

    [Fact]
    public void A_csv_roster_takes_the_id_column()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("class.csv"), "name,Student_ID,email\n\"Alice A\",a101,a@x\nBob B,b202,b@x\n");

        Assert.Equal(["a101", "b202"], Roster.Load(temp.File("class.csv")));
    }

    [Fact]
    public void A_roster_with_bad_or_repeated_ids_is_refused_with_every_line_named()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("class.txt"), "alice\n../etc\nAlice\nbob smith\n");

        var error = Assert.Throws<ClassworkException>(() => Roster.Load(temp.File("class.txt")));

        Assert.StartsWith(temp.File("class.txt") + ":", error.Message);
        Assert.Equal(
            [
                "line 2: '../etc' is not a usable student id (letters, digits, '.', '_', '-'; starting with a letter or digit)",
                "line 3: 'Alice' is already on line 1 (ids are compared without case: they name files)",
                "line 4: 'bob smith' is not a usable student id (letters, digits, '.', '_', '-'; starting with a letter or digit)",
            ],
            error.Problems);
    }
}
