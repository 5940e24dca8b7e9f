using System.Diagnostics;
using CourseKit.Cli.Npm;

namespace CourseKit.Cli;

/// <summary>
/// What exported pages typeset formulas with, offline: temml, which turns TeX into MathML that the browser draws itself
/// (Chromium, Firefox and Safari), and the Noto Sans Math font, whose stretchy brackets keep matrices readable on
/// machines without a math font. `setup` fetches both from the npm registry into artifacts/npm (never committed);
/// `run` copies them beside the pages, like plotly.min.js.
/// </summary>
public sealed class MathAssets
{
    /// <summary>temml, pinned. Temml-Local.css is its style sheet for system fonts; it loads Temml.woff2 (script letters).</summary>
    public static readonly NpmPackage Temml = new("temml", "0.13.5",
        "sha512-aPkDDgunanpLNL0ql32HbolqLep+w8DRcVXRql7rWrMt/PhczdLgL4UBYYVU3BYjCNjkGq4EqwIicu/zWr1iOg==",
        ["dist/temml.min.js", "dist/Temml-Local.css", "dist/Temml.woff2", "LICENSE"]);

    /// <summary>Noto Sans Math (SIL Open Font License), pinned; the "latin" file holds the whole font, MATH table included.</summary>
    public static readonly NpmPackage Font = new("@fontsource/noto-sans-math", "5.3.0",
        "sha512-CzodkZ4R2VC73rqbNbVpiI94fXZJLFEMNBTAM3DFadjAKrjLQ2Fr+s2yM2c5uS+frBZ2IM+LyMo6COhAzV7hCA==",
        ["files/noto-sans-math-latin-400-normal.woff2", "LICENSE"]);

    /// <summary>The script pages load from beside themselves.</summary>
    public const string ScriptFile = "temml.min.js";

    /// <summary>temml's style sheet, beside the pages.</summary>
    public const string StyleFile = "temml.css";

    /// <summary>The math font, beside the pages; the page's own style sheet names it.</summary>
    public const string FontFile = "noto-sans-math.woff2";

    // Unpacked name → name beside the pages. Temml.woff2 keeps its name: temml.css refers to it. The licences travel
    // with the files they cover.
    private static readonly (NpmPackage Package, string File, string Beside)[] Copies =
    [
        (Temml, "temml.min.js", ScriptFile),
        (Temml, "Temml-Local.css", StyleFile),
        (Temml, "Temml.woff2", "Temml.woff2"),
        (Temml, "LICENSE", "temml.LICENSE.txt"),
        (Font, "noto-sans-math-latin-400-normal.woff2", FontFile),
        (Font, "LICENSE", "noto-sans-math.LICENSE.txt"),
    ];

    private readonly string _folder;

    private MathAssets(string folder)
    {
        _folder = folder;
    }

    /// <summary>Where `setup` unpacks npm packages below a repository root.</summary>
    public static string FolderIn(string repoRoot) => Path.Combine(repoRoot, "artifacts", "npm");

    /// <summary>The assets `setup` unpacked below <paramref name="repoRoot"/>, or null when they are missing or from another pin.</summary>
    public static MathAssets? Find(string repoRoot)
    {
        var folder = FolderIn(repoRoot);
        return NpmRegistry.IsUnpacked(Temml, Path.Combine(folder, Temml.FolderName))
               && NpmRegistry.IsUnpacked(Font, Path.Combine(folder, Font.FolderName))
            ? new MathAssets(folder)
            : null;
    }

    /// <summary>The set-up step: makes sure both packages are unpacked below <paramref name="repoRoot"/>, and says so.</summary>
    /// <returns>
    /// Whether pages will typeset formulas. A failure is reported and leaves set-up going: the notebooks still run and
    /// grade, and the pages stay readable with formulas as TeX source; a teacher offline loses typesetting, not the run.
    /// </returns>
    public static async Task<bool> SetUpAsync(string repoRoot, Func<NpmRegistry> registry, TextWriter stdout, CancellationToken cancellationToken)
    {
        var what = $"math for the pages: {Temml.Id} and {Font.Id} from the npm registry into artifacts/npm";
        var clock = Stopwatch.StartNew();
        var npm = default(NpmRegistry);
        try
        {
            npm = registry();
            var fetched = false;
            foreach (var package in new[] { Temml, Font })
            {
                fetched |= await npm.EnsureAsync(package, Path.Combine(FolderIn(repoRoot), package.FolderName), cancellationToken);
            }
            stdout.WriteLine(fetched
                ? $"✓ {what} ({RunSummary.Seconds(clock.Elapsed.TotalSeconds)} s)"
                : $"✓ {what} (already there)");
            return true;
        }
        catch (NpmException e)
        {
            stdout.WriteLine($"⚠ {what} failed: {e.Message}");
            stdout.WriteLine($"  Pages will show formulas as TeX source. Make {npm?.Address ?? NpmRegistry.Public} reachable (or point " +
                             "npm_config_registry at a mirror) and run `coursekit setup` again.");
            return false;
        }
    }

    /// <summary>Writes the script, style sheet, fonts and licences into <paramref name="folder"/>, skipping identical copies.</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (package, file, beside) in Copies)
        {
            var source = Path.Combine(_folder, package.FolderName, file);
            var target = Path.Combine(folder, beside);
            if (!File.Exists(target) || new FileInfo(target).Length != new FileInfo(source).Length)
            {
                File.Copy(source, target, overwrite: true);
            }
        }
    }
}
