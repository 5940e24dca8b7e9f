namespace CourseKit.Cli.Tests.Classwork;

/// <summary>
/// One hostile submission per attack class, graded with the others in the real sandbox: each gets no point it did not
/// earn, and the honest students graded after all of them (zz-honest-1 … 3) keep full marks.
/// </summary>
public partial class ClassworkGradingEngineTests
{
    private string Feedback(string student) => File.ReadAllText(Path.Combine(fixture.Graded, "feedback", student + ".html"));

    private string Message(string student, string check) => Entry(student)["items"]![check]!["message"]?.GetValue<string>() ?? "";

    [Fact]
    public void Honest_students_graded_after_every_attack_keep_full_marks()
    {
        foreach (var student in new[] { "zz-honest-1", "zz-honest-2", "zz-honest-3", "alice" })
        {
            Assert.True(Total(student) == 5, Entry(student).ToJsonString());
            Assert.Equal("graded", Entry(student)["status"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("h-redefines-check")]
    [InlineData("h-overwrites-the-data")]
    [InlineData("h-shadows-math")]
    [InlineData("h-kernel-middleware")]
    public void Code_in_an_answer_cell_cannot_change_the_checks(string student)
    {
        // z = 0 and o = 0.5: only "o is a sigmoid output" holds, whatever the answer cell redefined around it.
        Assert.True(Total(student) == 1, Entry(student).ToJsonString());
        Assert.Contains("is not the weighted sum of the inputs plus the bias", Message(student, "check-z"));
        Assert.Contains("is not σ(z) for this unit", Message(student, "check-o"));
    }

    [Fact]
    public void Hidden_tests_never_reach_the_students_process()
    {
        // The middleware wrote down every command the student's kernel got: no check cell, let alone a hidden test.
        var executed = Ipynb.Load(Path.Combine(fixture.Graded, "executed", "h-kernel-middleware.ipynb"));
        var seen = executed.Cells.Single(c => c.Source.Contains("seen.txt\") ? System.IO.File.ReadAllText", StringComparison.Ordinal)).StreamText();
        Assert.Contains("seen.txt", seen);   // the middleware was there: it saw the cell that printed what it saw
        Assert.DoesNotContain("Check(", seen);
        Assert.DoesNotContain("zExpected", seen);
        Assert.DoesNotContain("zExpected", Feedback("h-kernel-middleware"));
        Assert.DoesNotContain("zExpected", File.ReadAllText(Path.Combine(fixture.Graded, "executed", "h-kernel-middleware.log")));
    }

    [Fact]
    public void A_forged_protocol_message_and_an_exit_earn_nothing()
    {
        Assert.Equal(0, Total("h-forges-the-protocol"));
        Assert.Equal("stopped early", Entry("h-forges-the-protocol")["status"]!.GetValue<string>());
    }

    [SandboxFact]
    public void Inside_the_sandbox_the_student_is_no_root_and_cannot_write_the_kit()
    {
        Assert.Equal(5, Total("h-tries-root"));
        var executed = Executed("h-tries-root");
        Assert.Contains("read /etc/shadow: UnauthorizedAccessException", executed);
        Assert.Matches(@"write /proc/sys: (UnauthorizedAccessException|IOException)", executed);
        Assert.Matches(@"write the kit: (UnauthorizedAccessException|IOException)", executed);
        Assert.Matches(@"write the kit after remount: (UnauthorizedAccessException|IOException)", executed);
        Assert.DoesNotContain("remount exit code 0", executed);
        Assert.DoesNotMatch(@"Uid:\s+0\s", executed);
        var kit = Path.GetDirectoryName(CourseKit.Cli.Classwork.ClassworkSource.Load(fixture.Source).KitReferences[0])!;
        Assert.False(File.Exists(Path.Combine(kit, "pwned.txt")));
    }

    [Fact]
    public void Links_fifos_and_devices_planted_in_the_work_folder_are_never_read()
    {
        Assert.Equal(5, Total("h-plants-files"));
        Assert.Contains("planted", Executed("h-plants-files"));
        foreach (var file in Directory.GetFiles(Path.Combine(fixture.Graded, "executed")))
        {
            Assert.DoesNotContain("root:x:0:0", File.ReadAllText(file));
        }
    }

    [SandboxFact]
    public void Processes_and_the_disk_are_limited()
    {
        foreach (var (student, stopped) in new[] { ("h-fork-bomb", @"stopped after \d+: Win32Exception"), ("h-fills-the-disk", @"stopped after \d+ MB: IOException") })
        {
            var why = Entry(student).ToJsonString() + "\n" + File.ReadAllText(Path.Combine(fixture.Graded, "executed", student + ".log"));
            Assert.True(Total(student) == 5, why);
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(Executed(student), stopped), why);
        }
    }

    [Fact]
    public void Feedback_pages_run_no_script_of_the_students()
    {
        foreach (var student in new[] { "h-scripts-the-feedback", "h-scripts-the-markdown" })
        {
            Assert.Equal(1, Total(student));
            var page = Feedback(student);
            Assert.Contains("Content-Security-Policy", page);
            Assert.Contains("default-src 'none'", page);
            Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror=\"", page);
            Assert.Contains("Score: 1 / 5", page);
        }
        Assert.Contains("<iframe class=\"output html untrusted\" sandbox=\"\"", Feedback("h-scripts-the-feedback"));
        Assert.Contains("&lt;img src=x onerror=", Feedback("h-scripts-the-markdown"));
    }

    [Theory]
    [InlineData("h-duplicate-keys", "not valid JSON: h-duplicate-keys.ipynb: malformed JSON: Duplicate property 'cells'")]
    [InlineData("h-link-to-zero", "h-link-to-zero.ipynb is a symbolic link; links are not followed")]
    [InlineData("h-link-to-passwd", "h-link-to-passwd.ipynb is a symbolic link; links are not followed")]
    [InlineData("h-fifo", "h-fifo.ipynb is not a regular file (a FIFO, socket or device)")]
    [InlineData("h-huge", "h-huge.ipynb is 200 MB, over the limit of 20 MB (--max-size)")]
    public void A_file_that_cannot_be_read_safely_is_one_entry_saying_why(string student, string error)
    {
        Assert.Equal((0.0, "not graded"), (Total(student), Entry(student)["status"]!.GetValue<string>()));
        Assert.StartsWith(error, Strings(student, "errors").Single());
    }

    [Fact]
    public void A_name_too_long_or_with_control_characters_is_an_entry_and_is_printed_escaped()
    {
        var longName = new string('x', 255);
        Assert.Equal([$"'{longName}/01-unit-output.ipynb' does not name a student: the name is 255 characters long; a student id has at most 100"],
            Strings(longName, "errors"));
        Assert.Equal(["'h-escape\\x1b[2J\\x1b[31mred.ipynb' does not name a student: the name holds control characters"],
            Strings("h-escape\u001b[2J\u001b[31mred", "errors"));
        Assert.DoesNotContain("\u001b", fixture.FirstGrading.Output);
        Assert.Contains("h-escape\\x1b[2J\\x1b[31mred", fixture.FirstGrading.Output);
    }
}
