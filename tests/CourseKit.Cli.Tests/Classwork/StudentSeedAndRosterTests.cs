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

    [Theory]
    // Computed apart with Python's hashlib, not with StudentSeed:
    //   h = hashlib.sha256((salt + "\n" + student).encode("utf-8")).digest()
    //   seed = int.from_bytes(h[:4], "little") % 999999 + 1
    // The two rnn-pos/lstm-step alice rows have first words ≥ 2³¹ (a signed read would differ) and the last salt is
    // not ASCII (pins UTF-8). Seeds already handed out depend on this rule: changing it re-seeds every student's work.
    [InlineData("01-unit-output", "alice", 333432)]
    [InlineData("03-rnn-pos", "alice", 580724)]
    [InlineData("03-rnn-pos", "bob", 946478)]
    [InlineData("04-lstm-step", "alice", 56744)]
    [InlineData("04-lstm-step", "a101", 14466)]
    [InlineData("CSE440 Übung 3", "carol.smith", 462574)]
    public void A_students_seed_is_the_pinned_sha256_rule(string salt, string student, int expected)
    {
        Assert.Equal(expected, StudentSeed.For(salt, student));
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

    [Fact]
    public void A_csv_roster_reads_quoted_fields_doubled_quotes_line_breaks_and_a_byte_order_mark()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("class.csv"),
            "\uFEFFname,username\r\n\"Doe, John\",jdoe\r\n\"O\"\"Brien, Pat\",pobrien\r\n\"Lee\nKim\",\"klee\"\r\n,\r\n");

        Assert.Equal(["jdoe", "pobrien", "klee"], Roster.Load(temp.File("class.csv")));
    }

    [Fact]
    public void A_csv_roster_with_a_duplicate_or_an_unclosed_quote_is_refused_naming_the_line()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("dup.csv"), "name,id\n\"Doe, John\",jdoe\n\"Doe, Jane\",JDoe\n");
        File.WriteAllText(temp.File("open.csv"), "name,id\nAnn,ann\n\"Doe, John,jdoe\n");

        var duplicate = Assert.Throws<ClassworkException>(() => Roster.Load(temp.File("dup.csv")));
        var unclosed = Assert.Throws<ClassworkException>(() => Roster.Load(temp.File("open.csv")));

        Assert.Equal(["line 3: 'JDoe' is already on line 2 (ids are compared without case: they name files)"], duplicate.Problems);
        Assert.Equal(["line 3: a quoted field is not closed"], unclosed.Problems);
    }

    [Fact]
    public void An_id_that_is_too_long_or_holds_control_characters_is_named_safely()
    {
        Assert.Equal($"is 101 characters long; a student id has at most {Roster.MaxIdLength}", Roster.Problem(new string('a', 101)));
        Assert.Equal("holds control characters", Roster.Problem("ann\u001b[2J"));
        Assert.Null(Roster.Problem(new string('a', Roster.MaxIdLength)));
    }

    [Fact]
    public void Shards_split_a_class_into_fixed_shares_that_do_not_move_as_the_class_grows()
    {
        var ids = Enumerable.Range(0, 3000).Select(k => $"s{k}").ToList();
        var shares = ids.GroupBy(id => Shard.Of(id, 3)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([1, 2, 3], shares.Keys.Order());
        Assert.All(shares.Values, n => Assert.InRange(n, 900, 1100));
        // Pinned (computed apart: first 4 bytes of SHA-256, little-endian, mod 3, plus 1): a shard rule that changed
        // between runs would grade a student twice or never.
        Assert.Equal([2, 1, 3, 1, 3], new[] { "alice", "bob", "carol", "dave", "erin" }.Select(s => Shard.Of(s, 3)));
    }
}
