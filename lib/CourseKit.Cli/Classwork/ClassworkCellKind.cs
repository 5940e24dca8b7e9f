namespace CourseKit.Cli.Classwork;

/// <summary>The role of a cell in a classwork notebook, from its nbgrader and coursekit metadata.</summary>
public enum ClassworkCellKind
{
    /// <summary>No nbgrader metadata: the student may change it; grading keeps the student's version.</summary>
    Ordinary,

    /// <summary>Locked, not graded, not a solution (instructions, set-up, data): grading restores it from the source.</summary>
    ReadOnly,

    /// <summary>A solution cell: the student writes the code; grading keeps the student's version.</summary>
    Solution,

    /// <summary>A graded, locked code cell: a check that scores its points when it runs without throwing; restored from the source.</summary>
    Test,

    /// <summary>The locked cell holding <c>var seed = …;</c>: each student's own numbers; grading writes the student's seed back.</summary>
    Parameters,
}
