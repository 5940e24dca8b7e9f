namespace CourseKit.Cli.Tests;

public class NotebookInputsTests
{
    [Fact]
    public void A_folder_gives_its_top_level_notebooks_sorted_by_name_and_files_are_kept_as_given()
    {
        using var temp = new TempFolder();
        foreach (var name in new[] { "10-b.ipynb", "02-a.ipynb", "01-z.ipynb", "notes.txt" })
        {
            File.WriteAllText(temp.File(name), "{}");
        }
        Directory.CreateDirectory(temp.File("sub"));
        File.WriteAllText(Path.Combine(temp.File("sub"), "00-nested.ipynb"), "{}");

        var notebooks = NotebookInputs.Resolve([temp.Path, "missing.ipynb"], temp.Path);

        Assert.Equal([temp.File("01-z.ipynb"), temp.File("02-a.ipynb"), temp.File("10-b.ipynb"), temp.File("missing.ipynb")], notebooks);
    }

    [Fact]
    public void Two_notebooks_with_one_name_are_detected()
    {
        Assert.Equal("lesson", NotebookInputs.DuplicateName(["/a/lesson.ipynb", "/b/other.ipynb", "/c/lesson.ipynb"]));
        Assert.Null(NotebookInputs.DuplicateName(["/a/lesson.ipynb", "/b/other.ipynb"]));
    }

    [Fact]
    public void The_repository_root_is_found_by_walking_up_to_the_tool_manifest()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File(".config"));
        File.WriteAllText(Path.Combine(temp.File(".config"), "dotnet-tools.json"), "{}");
        var deep = Directory.CreateDirectory(Path.Combine(temp.Path, "notebooks", "part1")).FullName;

        Assert.Equal(temp.Path, RepoLocator.Find(deep));
    }
}
