namespace CourseKit.Cli.Classwork;

/// <summary>
/// Where assign and grade write, for an assignment NAME under a folder OUT (default: artifacts/classwork/NAME in the
/// repository): OUT/release/ (what students get), OUT/teacher/ (answer key; never give it out), OUT/graded/ (gradebook,
/// feedback pages, executed notebooks).
/// </summary>
internal static class ClassworkFolders
{
    /// <summary>The assignment's default output folder: artifacts/classwork/NAME in the repository, else ./NAME.</summary>
    public static string DefaultRoot(ClassworkSource source, string currentDirectory) =>
        RepoLocator.Find(source.Folder) is { } root
            ? Path.Combine(root, "artifacts", "classwork", source.Name)
            : Path.Combine(currentDirectory, source.Name);

    /// <summary>The student notebooks.</summary>
    public static string Release(string root) => Path.Combine(root, "release");

    /// <summary>The answer key.</summary>
    public static string Teacher(string root) => Path.Combine(root, "teacher");

    /// <summary>The default grading output.</summary>
    public static string Graded(string root) => Path.Combine(root, "graded");
}
