namespace CourseKit.Cli.Classwork;

/// <summary>
/// `coursekit gradebook merge`: joins the gradebooks of `grade --shard K/N` runs (one folder each) into one, with
/// their feedback pages and executed notebooks. Every shard must have graded the same source; a student graded in two
/// shards is refused, naming them.
/// </summary>
internal static class GradebookMerge
{
    public static int Execute(GradebookMergeOptions options, string currentDirectory, TextWriter stdout)
    {
        ClassworkSource source;
        try
        {
            source = ClassworkSource.Load(Path.GetFullPath(options.Source, currentDirectory));
        }
        catch (ClassworkException e)
        {
            stdout.WriteLine($"error: {e.Message}");
            return 1;
        }
        var sha = SubmissionGrader.Sha256(source.Path, Ipynb.MaxBytes) ?? "";
        var outFolder = Path.GetFullPath(options.OutDir, currentDirectory);
        var entries = new Dictionary<string, (GradebookEntry Entry, string Folder)>(StringComparer.Ordinal);
        var sandboxes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shard in options.Shards.Select(s => Path.GetFullPath(s, currentDirectory)))
        {
            var book = new Gradebook(source, sha, "");
            var loaded = book.LoadEarlier(shard, out var problem);
            if (problem is not null || !File.Exists(Path.Combine(shard, Gradebook.JsonName)))
            {
                stdout.WriteLine($"error: {shard}: {problem ?? $"no {Gradebook.JsonName}"}");
                return 1;
            }
            sandboxes.Add(Gradebook.SandboxOf(shard) ?? "none");
            foreach (var entry in loaded)
            {
                if (entries.TryGetValue(entry.Student, out var other))
                {
                    stdout.WriteLine($"error: {TerminalText.Safe(entry.Student)} is graded in both {other.Folder} and {shard}: the shards overlap");
                    return 1;
                }
                entries[entry.Student] = (entry, shard);
            }
        }
        Directory.CreateDirectory(outFolder);
        var merged = new Gradebook(source, sha, sandboxes.Count == 1 ? sandboxes.Single() : string.Join("+", sandboxes.Order()));
        foreach (var (entry, folder) in entries.Values)
        {
            merged.Set(entry);
            foreach (var (sub, extension) in new[] { ("feedback", ".html"), ("executed", ".ipynb"), ("executed", ".log") })
            {
                var from = Path.Combine(folder, sub, entry.Student + extension);
                if (FileKinds.Of(from, followLinks: false) == FileKind.Regular)
                {
                    Directory.CreateDirectory(Path.Combine(outFolder, sub));
                    File.Copy(from, Path.Combine(outFolder, sub, entry.Student + extension), overwrite: true);
                }
            }
        }
        merged.Save(outFolder);
        stdout.WriteLine($"Merged {entries.Count} students from {options.Shards.Count} shards: {Path.Combine(outFolder, Gradebook.CsvName)} and {Gradebook.JsonName}");
        return 0;
    }
}
