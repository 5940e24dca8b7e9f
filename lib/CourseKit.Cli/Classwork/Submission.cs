namespace CourseKit.Cli.Classwork;

/// <summary>One student's submitted file, found by <see cref="Submission.Find"/>.</summary>
/// <param name="Student">The student id: the file name (STUDENT.ipynb) or the folder name (STUDENT/NAME.ipynb).</param>
/// <param name="Path">The file's full path; null when a roster student submitted nothing.</param>
/// <param name="Problem">Why this submission cannot be graded before even reading it (several candidate files); else null.</param>
internal sealed record Submission(string Student, string? Path, string? Problem = null)
{
    /// <summary>
    /// The submissions in <paramref name="folder"/>: each STUDENT.ipynb directly inside, and each STUDENT/ folder's
    /// notebook (NAME.ipynb when there are several). With a roster, its students who sent nothing are listed too.
    /// </summary>
    public static IReadOnlyList<Submission> Find(string folder, string assignmentName, IReadOnlyList<string>? roster)
    {
        var found = new Dictionary<string, Submission>(StringComparer.Ordinal);
        // Dot entries are an editor's (Jupyter's .ipynb_checkpoints/), not students.
        foreach (var file in Directory.EnumerateFiles(folder, "*.ipynb").Where(f => !System.IO.Path.GetFileName(f).StartsWith('.')))
        {
            var student = System.IO.Path.GetFileNameWithoutExtension(file);
            found[student] = new Submission(student, file);
        }
        foreach (var dir in Directory.EnumerateDirectories(folder).Where(d => !System.IO.Path.GetFileName(d).StartsWith('.')))
        {
            var student = System.IO.Path.GetFileName(dir);
            if (!SubmissionFile.IsRealFolder(dir))
            {
                found[student] = new Submission(student, dir, $"{System.IO.Path.GetFileName(dir)} is a symbolic link; links are not followed");
                continue;
            }
            var notebooks = Directory.EnumerateFiles(dir, "*.ipynb").Where(f => !System.IO.Path.GetFileName(f).StartsWith('.')).ToList();
            var named = notebooks.FirstOrDefault(f => System.IO.Path.GetFileNameWithoutExtension(f) == assignmentName);
            if (notebooks.Count == 0)
            {
                continue;
            }
            found[student] = named is not null || notebooks.Count == 1
                ? new Submission(student, named ?? notebooks[0])
                : new Submission(student, notebooks[0],
                    $"{dir} holds {notebooks.Count} notebooks and none is named {assignmentName}.ipynb; keep one");
        }
        foreach (var student in roster ?? [])
        {
            found.TryAdd(student, new Submission(student, null));
        }
        return found.Values.OrderBy(s => s.Student, StringComparer.Ordinal).ToList();
    }
}
