using CourseKit.Cli.Npm;
using CourseKit.Cli.Tests.Npm;

namespace CourseKit.Cli.Tests;

public class MathAssetsTests
{
    [Fact]
    public async Task Setup_that_cannot_reach_the_registry_says_why_and_what_to_do_and_leaves_pages_with_tex()
    {
        using var temp = new TempFolder();
        var registry = new FakeRegistry();
        registry.Answer(MathAssets.Temml.MetadataUrl(FakeRegistry.Address).AbsoluteUri, () => throw new HttpRequestException("Connection refused"));
        var stdout = new StringWriter();

        var typeset = await MathAssets.SetUpAsync(temp.Path, registry.Client, stdout, CancellationToken.None);

        Assert.False(typeset);
        var text = stdout.ToString();
        Assert.Contains("⚠ math for the pages: temml@0.13.5 and @fontsource/noto-sans-math@5.3.0 from the npm registry into artifacts/npm failed: " +
                        "could not reach https://registry.example/temml/0.13.5: Connection refused", text);
        Assert.Contains("Pages will show formulas as TeX source. Make https://registry.example/ reachable", text);
        Assert.Contains("run `coursekit setup` again", text);
        Assert.Null(MathAssets.Find(temp.Path));
    }

    [Fact]
    public void Unpacked_assets_are_found_and_written_beside_the_pages_under_the_names_pages_use()
    {
        using var temp = new TempFolder();
        foreach (var package in new[] { MathAssets.Temml, MathAssets.Font })
        {
            // What `setup` leaves: each pinned file under its name, and the pin as the stamp.
            var folder = Path.Combine(MathAssets.FolderIn(temp.Path), package.FolderName);
            Directory.CreateDirectory(folder);
            foreach (var file in package.Files)
            {
                File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), file);
            }
            File.WriteAllText(Path.Combine(folder, ".integrity"), package.Integrity + "\n");
            Assert.True(NpmRegistry.IsUnpacked(package, folder));
        }

        var math = MathAssets.Find(temp.Path);
        Assert.NotNull(math);
        math.WriteTo(temp.File("pages"));

        Assert.Equal(["Temml.woff2", "noto-sans-math.LICENSE.txt", "noto-sans-math.woff2", "temml.LICENSE.txt", "temml.css", "temml.min.js"],
            Directory.GetFiles(temp.File("pages")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("dist/temml.min.js", File.ReadAllText(temp.File("pages/temml.min.js")));
        Assert.Equal("dist/Temml-Local.css", File.ReadAllText(temp.File("pages/temml.css")));
        Assert.Equal("files/noto-sans-math-latin-400-normal.woff2", File.ReadAllText(temp.File("pages/noto-sans-math.woff2")));

        File.Delete(Path.Combine(MathAssets.FolderIn(temp.Path), MathAssets.Font.FolderName, "LICENSE"));
        Assert.Null(MathAssets.Find(temp.Path));
    }
}
