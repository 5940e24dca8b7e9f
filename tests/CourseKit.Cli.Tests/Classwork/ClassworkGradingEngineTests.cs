using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>
/// Assign and grade a class with the real engine (see <see cref="ClassworkGradingFixture"/>): each hostile submission
/// gets its own clear gradebook entry and costs no other student their grade.
/// </summary>
[Collection(EngineCollection.Name)]
public partial class ClassworkGradingEngineTests(ClassworkGradingFixture fixture, ITestOutputHelper output) : IClassFixture<ClassworkGradingFixture>
{
    private JsonObject Entry(string student) => fixture.Student(fixture.FirstGradebook, student);

    private double Total(string student) => Entry(student)["total"]!.GetValue<double>();

    private string[] Strings(string student, string name) =>
        Entry(student)[name]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    // The hostile students are not on the roster; that note is checked once, below.
    private string[] Notes(string student) => Strings(student, "notes").Where(n => !n.Contains("is not on the roster")).ToArray();

    private string Executed(string student) => File.ReadAllText(Path.Combine(fixture.Graded, "executed", student + ".ipynb"));

    [Fact]
    public void Assign_writes_each_students_notebook_and_keeps_the_answer_key_in_the_teachers_folder()
    {
        Assert.Equal(0, fixture.Assign.Exit);
        Assert.Contains("✓ every test passes", fixture.Assign.Output);
        var release = Path.Combine(fixture.Assigned, "release");
        Assert.Equal(["alice", "bob", "carol"], Directory.GetDirectories(release).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFiles(release, "answer-key*", SearchOption.AllDirectories));
        var key = JsonNode.Parse(File.ReadAllText(fixture.AnswerKey))!;
        var students = key["students"]!.AsArray();
        Assert.Equal([null, "alice", "bob", "carol"], students.Select(s => s!["student"]?.GetValue<string>()));
        Assert.Equal("z = -0.5, o = 0.3775\n", students[0]!["answers"]!["answer"]!.GetValue<string>());
        var aliceSeed = students[1]!["seed"]!.GetValue<int>();
        Assert.Contains($"var seed = {aliceSeed};", File.ReadAllText(Path.Combine(release, "alice", "01-unit-output.ipynb")));
    }

    [Fact]
    public void A_right_answer_earns_every_point_and_a_wrong_one_only_the_checks_it_passes()
    {
        Assert.Equal(0, fixture.FirstGrading.Exit);
        Assert.Equal(5, Total("alice"));
        Assert.Equal("alice/01-unit-output.ipynb", Entry("alice")["file"]!.GetValue<string>());
        Assert.Equal(1, Total("bob"));
        var items = Entry("bob")["items"]!;
        Assert.Equal(1, items["check-o-is-a-sigmoid-output"]!["points"]!.GetValue<double>());
        Assert.Matches(@"^System\.Exception: z = -?[\d.]+ is not the weighted sum of the inputs plus the bias$", items["check-z"]!["message"]!.GetValue<string>());
        Assert.Equal("graded", Entry("bob")["status"]!.GetValue<string>());
    }

    [Fact]
    public void A_submission_from_someone_not_on_the_roster_is_graded_with_a_note()
    {
        Assert.Empty(Strings("alice", "notes"));
        var seed = Entry("h-moved-cells")["seed"]!.GetValue<int>();
        Assert.Equal(CourseKit.Cli.Classwork.StudentSeed.For("01-unit-output", "h-moved-cells"), seed);
        Assert.Equal($"'h-moved-cells' is not on the roster; graded with the numbers of seed {seed}", Strings("h-moved-cells", "notes")[0]);
    }

    [Fact]
    public void A_notebook_released_to_someone_else_is_noted_and_graded_with_the_submitters_numbers()
    {
        Assert.Equal(5, Total("h-copied-from-alice"));
        Assert.Equal(["this notebook was released to 'alice'", "cell 3 'seed' was edited; restored from the source"], Notes("h-copied-from-alice"));
    }

    [Fact]
    public void A_student_on_the_roster_who_sent_nothing_is_listed_as_missing()
    {
        Assert.Equal((0.0, "missing"), (Total("carol"), Entry("carol")["status"]!.GetValue<string>()));
        Assert.Equal(["no submission"], Strings("carol", "errors"));
    }

    [Fact]
    public void A_file_name_that_is_no_student_id_is_not_graded_and_checkpoint_folders_are_ignored()
    {
        Assert.Equal(["'h bad \"name\".ipynb' does not name a student: use the student id (letters, digits, '.', '_', '-') as the file or folder name"],
            Strings("h bad \"name\"", "errors"));
        Assert.DoesNotContain(fixture.FirstGradebook["students"]!.AsArray(), s => s!["student"]!.GetValue<string>().StartsWith('.'));
    }

    [Fact]
    public void Malformed_json_gets_zero_and_says_which_file_is_not_json()
    {
        Assert.Equal(0, Total("h-malformed-json"));
        Assert.StartsWith("not valid JSON: h-malformed-json.ipynb: malformed JSON:", Strings("h-malformed-json", "errors").Single());
    }

    [Fact]
    public void A_notebook_of_another_kernel_gets_zero_and_says_so()
    {
        Assert.Equal(0, Total("h-python-kernel"));
        Assert.Equal(["kernel is python3, expected .net-csharp: h-python-kernel.ipynb"], Strings("h-python-kernel", "errors"));
    }

    [Fact]
    public void A_deleted_test_cell_is_restored_and_graded()
    {
        Assert.Equal(5, Total("h-deleted-test"));
        Assert.Equal(["cell 9 'check-z' was deleted; restored from the source"], Notes("h-deleted-test"));
    }

    [Fact]
    public void Moved_cells_are_graded_in_the_sources_order()
    {
        Assert.Equal(5, Total("h-moved-cells"));
        Assert.Equal(["cells were moved; graded in the source's order"], Notes("h-moved-cells"));
    }

    [Fact]
    public void Two_answers_with_one_id_are_not_graded_and_the_student_is_told_why()
    {
        Assert.Equal((0.0, "not graded"), (Total("h-duplicate-ids"), Entry("h-duplicate-ids")["status"]!.GetValue<string>()));
        Assert.Equal(["h-duplicate-ids.ipynb: duplicate cell id 'answer' (cells 6 and 7): two answers to one question; keep one and resubmit"],
            Strings("h-duplicate-ids", "errors"));
    }

    [Fact]
    public void Emptied_test_cells_are_restored_so_a_wrong_answer_still_fails_them()
    {
        // o = 0.5 is a sigmoid output (1 point); z = 0 and o = 0.5 are not this unit's values.
        Assert.Equal(1, Total("h-edited-tests"));
        Assert.Equal(
            ["cell 8 'check-o-is-a-sigmoid-output' was edited; restored from the source", "cell 9 'check-z' was edited; restored from the source",
             "cell 10 'check-o' was edited; restored from the source"],
            Notes("h-edited-tests"));
    }

    [Fact]
    public void An_infinite_loop_is_stopped_at_the_time_limit_and_scores_zero()
    {
        Assert.True(Entry("h-infinite-loop")["status"]!.GetValue<string>() == "timed out",
            Entry("h-infinite-loop").ToJsonString() + "\n" + File.ReadAllText(Path.Combine(fixture.Graded, "executed", "h-infinite-loop.log")));
        Assert.Equal(0, Total("h-infinite-loop"));
        Assert.Equal([$"time limit {ClassworkGradingFixture.TimeLimitSeconds} s exceeded in cell 6; checks get the answers the notebook had before it"],
            Strings("h-infinite-loop", "errors"));
        // The loop is the answer cell: no answer was ever read, so every check says so.
        Assert.All(Entry("h-infinite-loop")["items"]!.AsObject(), item =>
            Assert.StartsWith("this check needs ", item.Value!["message"]!.GetValue<string>()));
        Assert.InRange(Entry("h-infinite-loop")["seconds"]!.GetValue<double>(), ClassworkGradingFixture.TimeLimitSeconds, ClassworkGradingFixture.TimeLimitSeconds + 15);
    }

    [Fact]
    public void An_exception_at_load_is_that_cells_error_and_the_checks_after_it_fail()
    {
        Assert.Equal((0.0, "graded"), (Total("h-exception-at-load"), Entry("h-exception-at-load")["status"]!.GetValue<string>()));
        Assert.Contains("boom at load", Executed("h-exception-at-load"));
        Assert.Contains("boom at load", File.ReadAllText(Path.Combine(fixture.Graded, "feedback", "h-exception-at-load.html")));
    }

    [Fact]
    public void Gigantic_output_is_cut_and_grading_goes_on()
    {
        Assert.Equal(5, Total("h-gigantic-output"));
        Assert.Contains(Notes("h-gigantic-output"), n => n.StartsWith("the output of cell 6 was cut by ", StringComparison.Ordinal));
        Assert.InRange(new FileInfo(Path.Combine(fixture.Graded, "executed", "h-gigantic-output.ipynb")).Length, 1, 200_000);
    }

    [SandboxFact]
    public void A_submission_cannot_read_the_answer_key_or_the_source()
    {
        Assert.Equal(0, Total("h-reads-the-answers"));
        var executed = Executed("h-reads-the-answers");
        Assert.Contains($"cannot read {fixture.AnswerKey}: DirectoryNotFoundException", executed);
        Assert.Contains($"cannot read {fixture.Source}: DirectoryNotFoundException", executed);
        Assert.DoesNotMatch(@"read \d+ characters of", executed);
    }

    [SandboxFact]
    public void A_submission_cannot_write_the_gradebook()
    {
        Assert.Equal(5, Total("h-writes-the-gradebook"));
        Assert.Contains("cannot write the gradebook: DirectoryNotFoundException", Executed("h-writes-the-gradebook"));
        Assert.Equal("bwrap", fixture.Gradebook["sandbox"]!.GetValue<string>());
        var csv = File.ReadAllLines(Path.Combine(fixture.Graded, "gradebook.csv"));
        Assert.Equal(fixture.FirstGradedCount + 1, csv.Length);
        Assert.Contains(csv, line => line.StartsWith("h-writes-the-gradebook,1,2,2,5,5,graded,,", StringComparison.Ordinal));
    }

    [Fact]
    public void Exiting_the_process_scores_zero_and_a_forged_result_does_not_count()
    {
        foreach (var student in new[] { "h-exits", "h-forges-a-result" })
        {
            Assert.Equal((0.0, "stopped early"), (Total(student), Entry(student)["status"]!.GetValue<string>()));
            Assert.Equal(["the notebook stopped its worker (the kernel process exited with code 0 (Environment.Exit, or a crash) while this cell ran; " +
                          "later cells did not run) in cell 6; checks get the answers the notebook had before it"],
                Strings(student, "errors"));
        }
    }

    [Fact]
    public void A_memory_hog_hits_the_memory_limit()
    {
        Assert.Equal(0, Total("h-memory-hog"));
        // Usually the cell gets the OutOfMemoryException; under load an engine thread may get it first and end the process.
        Assert.Contains(Strings("h-memory-hog", "errors"), e => e.StartsWith("memory limit 1024 MB", StringComparison.Ordinal));
    }

    [Fact]
    public void Running_out_of_memory_on_another_thread_is_reported_as_the_memory_limit()
    {
        Assert.Equal((0.0, "memory limit"), (Total("h-memory-hog-on-a-thread"), Entry("h-memory-hog-on-a-thread")["status"]!.GetValue<string>()));
        Assert.Equal(["memory limit 1024 MB exceeded: the worker ran out of memory and stopped in cell 6; checks get the answers the notebook had before it"],
            Strings("h-memory-hog-on-a-thread", "errors"));
    }

    [Fact]
    public void Native_memory_over_the_limit_stops_the_engine()
    {
        Assert.True(Entry("h-native-memory-hog")["status"]!.GetValue<string>() == "memory limit", Entry("h-native-memory-hog").ToJsonString());
        Assert.Equal(0, Total("h-native-memory-hog"));
        Assert.Equal(["memory limit 1024 MB exceeded in cell 6; checks get the answers the notebook had before it"],
            Strings("h-native-memory-hog", "errors"));
        Assert.Contains("# killed: over the memory limit of 1024 MB",
            File.ReadAllText(Path.Combine(fixture.Graded, "executed", "h-native-memory-hog.log")));
    }

    [Fact]
    public void Every_student_has_a_feedback_page_and_none_shows_the_hidden_tests()
    {
        var pages = Directory.GetFiles(Path.Combine(fixture.Graded, "feedback"), "*.html");
        // All but the files that name no student: their names are not safe for a page.
        var named = fixture.FirstGradebook["students"]!.AsArray().Count(s => CourseKit.Cli.Classwork.Roster.IsValidId(s!["student"]!.GetValue<string>()));
        Assert.Equal(named, pages.Length);
        Assert.Equal(fixture.FirstGradedCount - 3, named);
        foreach (var page in pages)
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotContain("zExpected", html);
            Assert.DoesNotContain("oExpected", html);
            Assert.DoesNotContain("HIDDEN TESTS", html);
        }
        Assert.Contains("// … and hidden tests, not shown", File.ReadAllText(Path.Combine(fixture.Graded, "feedback", "bob.html")));
    }

    [Fact]
    public void A_rerun_grades_only_the_changed_submission_and_keeps_the_rest()
    {
        Assert.Equal(0, fixture.Regrading.Exit);
        var header = fixture.Regrading.Output.Split('\n').First(l => l.StartsWith("Grading ", StringComparison.Ordinal));
        Assert.True(header.Contains($"1 submission(s) to grade, {fixture.FirstGradedCount - 1} unchanged since the last run (kept)", StringComparison.Ordinal), header);
        Assert.Equal(5, fixture.Student(fixture.Gradebook, "bob")["total"]!.GetValue<double>());
        foreach (var student in fixture.FirstGradebook["students"]!.AsArray().Select(s => s!["student"]!.GetValue<string>()).Where(s => s != "bob"))
        {
            Assert.Equal(fixture.Student(fixture.FirstGradebook, student).ToJsonString(), fixture.Student(fixture.Gradebook, student).ToJsonString());
        }
        Assert.True(fixture.Regrading.Seconds < fixture.FirstGrading.Seconds / 3,
            $"the re-run took {fixture.Regrading.Seconds:0.0} s, the first run {fixture.FirstGrading.Seconds:0.0} s");
    }

    [Fact]
    public void Timings_are_reported()
    {
        var seconds = fixture.FirstGradebook["students"]!.AsArray().Where(s => s!["status"]!.GetValue<string>() is "graded")
            .Select(s => s!["seconds"]!.GetValue<double>()).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"graded {fixture.FirstGradedCount} submissions in {fixture.FirstGrading.Seconds:0.0} s (time limit {ClassworkGradingFixture.TimeLimitSeconds} s); " +
            $"a submission that ran: {seconds.Min():0.0}–{seconds.Max():0.0} s; re-run with one change: {fixture.Regrading.Seconds:0.0} s"));
        output.WriteLine(fixture.FirstGrading.Output);
        Assert.NotEmpty(seconds);
    }
}
