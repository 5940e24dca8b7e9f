using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

public class SubmissionMergeTests
{
    private static readonly ClassworkSource Source = ClassworkFiles.UnitOutput();
    private static readonly int AliceSeed = StudentSeed.For("01-unit-output", "alice");

    private static Ipynb Alice() => ClassworkFiles.Answered(Source, "alice", ClassworkFiles.UnitOutputAnswer);

    private static MergedSubmission Merge(Ipynb submission) => SubmissionMerge.Merge(Source, submission, AliceSeed);

    private static string MergedSourceOf(MergedSubmission merged, string id) =>
        merged.Notebook.Cells[merged.IndexOf(Source.Cells.Single(c => c.Id == id))].Source;

    [Fact]
    public void An_untouched_submission_keeps_its_answer_and_gets_the_hidden_tests_and_an_absolute_kit_path()
    {
        var merged = Merge(Alice());

        Assert.Null(merged.Error);
        Assert.Empty(merged.Notes);
        Assert.Equal(Source.Cells.Count, merged.Notebook.Cells.Count);
        Assert.Contains(ClassworkFiles.UnitOutputAnswer, MergedSourceOf(merged, "answer"));
        Assert.Contains("var zExpected", MergedSourceOf(merged, "check-z"));
        Assert.DoesNotContain("HIDDEN TESTS", MergedSourceOf(merged, "check-z"));
        Assert.Contains($"#r \"{Path.Combine(ClassworkFiles.RepoRoot, "artifacts", "kit", "CourseKit.Interactive.dll")}\"", MergedSourceOf(merged, "setup"));
        Assert.Contains($"var seed = {AliceSeed};", MergedSourceOf(merged, "seed"));
    }

    [Fact]
    public void A_deleted_test_cell_is_restored_from_the_source()
    {
        var submission = Alice();
        ClassworkFiles.RemoveCell(submission, ClassworkFiles.IndexOfId(submission, "check-z"));

        var merged = Merge(submission);

        Assert.Contains("var zExpected", MergedSourceOf(merged, "check-z"));
        Assert.Equal(["cell 9 'check-z' was deleted; restored from the source"], merged.Notes);
    }

    [Fact]
    public void An_edited_test_cell_and_a_changed_seed_are_restored_and_noted()
    {
        var submission = Alice();
        ClassworkFiles.CellWithId(submission, "check-o-is-a-sigmoid-output").Source = "// nothing to see here";
        ClassworkFiles.CellWithId(submission, "seed").Source = "var seed = 0;";

        var merged = Merge(submission);

        Assert.StartsWith("Check(o > 0 && o < 1", MergedSourceOf(merged, "check-o-is-a-sigmoid-output"));
        Assert.Contains($"var seed = {AliceSeed};", MergedSourceOf(merged, "seed"));
        Assert.Equal(
            ["cell 3 'seed' was edited; restored from the source", "cell 8 'check-o-is-a-sigmoid-output' was edited; restored from the source"],
            merged.Notes);
    }

    [Fact]
    public void Moved_cells_are_graded_in_the_sources_order_and_a_students_own_cell_stays_after_the_cell_it_followed()
    {
        var submission = Alice();
        ClassworkFiles.MoveCell(submission, ClassworkFiles.IndexOfId(submission, "check-o"), 0);
        var scratch = submission.AddCodeCell("var mine = 42;");
        ClassworkFiles.MoveCell(submission, scratch.Index, ClassworkFiles.IndexOfId(submission, "answer") + 1);

        var merged = Merge(submission);

        Assert.Equal(["cells were moved; graded in the source's order"], merged.Notes);
        var ids = merged.Origins.Select(o => o?.Id ?? "(student)").ToList();
        Assert.Equal(["intro", "setup", "seed", "data", "task", "answer", "(student)", "(student)", "check-o-is-a-sigmoid-output", "check-z", "check-o"], ids);
        Assert.Equal("var mine = 42;", merged.Notebook.Cells[6].Source);
    }

    [Fact]
    public void Two_answer_cells_with_one_id_are_an_error_but_a_copied_test_cell_is_only_dropped()
    {
        var twoAnswers = Alice();
        ClassworkFiles.DuplicateCell(twoAnswers, ClassworkFiles.IndexOfId(twoAnswers, "answer"));
        var twoTests = Alice();
        ClassworkFiles.DuplicateCell(twoTests, ClassworkFiles.IndexOfId(twoTests, "check-z"));

        Assert.Equal("duplicate cell id 'answer' (cells 6 and 7): two answers to one question; keep one and resubmit", Merge(twoAnswers).Error);
        var merged = Merge(twoTests);
        Assert.Null(merged.Error);
        Assert.Equal(["cell 10 is a second copy of 'check-z'; ignored"], merged.Notes);
        Assert.Single(merged.Origins, o => o?.Id == "check-z");
    }

    [Fact]
    public void A_deleted_answer_is_graded_as_unanswered()
    {
        var submission = Alice();
        ClassworkFiles.RemoveCell(submission, ClassworkFiles.IndexOfId(submission, "answer"));

        var merged = Merge(submission);

        Assert.Contains(RegionMarkers.NotImplemented, MergedSourceOf(merged, "answer"));
        Assert.Equal(["cell 6 'answer' was deleted; graded as unanswered"], merged.Notes);
    }
}
