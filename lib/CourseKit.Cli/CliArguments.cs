using System.Globalization;

namespace CourseKit.Cli;

/// <summary>Hand-written parsing for the commands: small enough that a parser library would add more than it saves.</summary>
internal static class CliArguments
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(600);

    /// <summary>Notebooks run at once: one per core (each worker is one process; measured, two workers on two cores
    /// ran the lecture notebooks in half the time of one).</summary>
    public static int DefaultJobs => Math.Clamp(Environment.ProcessorCount, 1, MaxJobs);

    /// <summary>The most notebooks or submissions run at once.</summary>
    public const int MaxJobs = 64;

    /// <summary>Time limit per submission when grading.</summary>
    public static readonly TimeSpan DefaultGradeTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Memory limit per submission when grading, in MB.</summary>
    public const int DefaultMemoryMegabytes = 1024;

    /// <summary>The worker alone needs about 300 MB; a lower limit would fail every submission.</summary>
    public const int MinimumMemoryMegabytes = 400;

    /// <summary>The largest submission file read when grading, in MB.</summary>
    public const int DefaultMaxSubmissionMegabytes = 20;

    public const string Usage = """
        coursekit: build the notebook kit, run the CourseKit notebooks headless, assign and grade classwork.

        Usage:
          coursekit setup
              Run `dotnet tool restore` (dotnet-interactive, for VS Code and Jupyter), publish
              lib/CourseKit.Interactive to artifacts/kit (notebooks load it with
              #r "../artifacts/kit/CourseKit.Interactive.dll") and the notebook worker to artifacts/worker,
              and fetch the pages' math renderer (temml and a math font, pinned, from the npm registry) into
              artifacts/npm; without it, setup warns and pages show formulas as TeX source.

          coursekit run [NOTEBOOK.ipynb | FOLDER ...] [--out DIR] [--timeout SECONDS] [--cell-timeout SECONDS]
                        [--jobs N] [--no-setup]
              Run `setup` (unless --no-setup), then execute each notebook cell by cell in CourseKit's
              notebook worker (the .NET Interactive C# kernel that VS Code and Jupyter run), working
              directory = the notebook's folder. Writes into DIR, for each notebook: NAME.ipynb (executed,
              with each cell's time), NAME.log (the worker's messages), NAME.html (standalone page); and
              plotly.min.js, the math renderer's files (temml.min.js, temml.css, fonts), index.html and
              summary.json. Exit code 0 only when every notebook passed.
              Defaults: notebooks/*.ipynb of the repository, --out artifacts/notebooks, --timeout 600
              (seconds per notebook), no limit per cell, --jobs = the number of cores (notebooks at once).
              On a limit the worker is stopped: finished cells keep their outputs, the running cell says
              which limit it hit, the rest are marked not run.

          coursekit assign SOURCE.ipynb [--roster FILE] [--out DIR] [--timeout SECONDS]
              Check a classwork source (nbgrader metadata, closed // BEGIN SOLUTION regions, unique ids,
              points, and a run of the teacher's solution and all tests for every student's numbers), then
              write DIR/release/NAME.ipynb, or with a roster (.txt: one id per line; .csv: an "id" column)
              DIR/release/STUDENT/NAME.ipynb with each student's own seed, and DIR/teacher/answer-key.json.
              Solutions become "// YOUR CODE HERE" + throw; hidden tests and outputs are removed.
              Default DIR: artifacts/classwork/NAME.

          coursekit grade SOURCE.ipynb SUBMISSIONS [--roster FILE] [--out DIR] [--timeout SECONDS] [--memory MB]
                          [--max-size MB] [--jobs N] [--shard K/N] [--no-sandbox]
              Grade every submission in SUBMISSIONS (STUDENT.ipynb, or STUDENT/NAME.ipynb): rebuild each around
              the source (locked and check cells restored, the student's seed), run it without its checks in a
              sandboxed worker (no network, no access to your files, no root) and read its answers out as data;
              then run the teacher's checks, hidden tests included, in a separate sandboxed checker that never
              loads the student's code. Limits per submission: --timeout (default 120 s), --memory (default
              1024 MB, tmpfs included), --max-size (default 20 MB). --jobs N grades N at once (default: the
              number of cores); --shard K/N grades the K-th of N fixed shares of the students (merge the
              shards with `coursekit gradebook merge`). Without bwrap grading refuses to run unless
              --no-sandbox is given. Writes DIR/gradebook.json and gradebook.csv after each student (a re-run
              skips unchanged submissions), DIR/feedback/STUDENT.html and DIR/executed/STUDENT.ipynb.
              Use the same --roster as assign so each student's seed is restored.
              Default DIR: artifacts/classwork/NAME/graded.

          coursekit gradebook merge SOURCE.ipynb --out DIR SHARD_DIR...
              Join the gradebooks, feedback pages and executed notebooks of `grade --shard` runs into DIR.

          coursekit export NOTEBOOK.ipynb... --to app --out DIR [--check]
              Write each notebook as a .NET 10 file-based app, DIR/NAME.cs, run with `dotnet run NAME.cs`
              and no notebook engine: #:project instead of #r, markdown as comments, the code cells in order;
              what the notebook displays goes to NAME.html beside the app. --check writes nothing and fails
              when an app differs from what its notebook gives now.

          coursekit jupyter install [--data-dir DIR]
              Register the notebooks' Jupyter kernel (.net-csharp) so that Jupyter runs them from any folder:
              it starts this repository's pinned notebook engine by its full path and listens on this machine
              only. DIR: Jupyter's data folder (default: JUPYTER_DATA_DIR, else the user's, as
              `jupyter --data-dir` prints).

          coursekit help
        """;

    public static CliCommand Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            return new HelpCommand();
        }
        return args[0] switch
        {
            "setup" => args.Count == 1 ? new SetupCommand() : new UsageError($"setup takes no arguments (got {args[1]})"),
            "run" => ParseRun(args.Skip(1).ToList()),
            "assign" => ParseAssign(args.Skip(1).ToList()),
            "grade" => ParseGrade(args.Skip(1).ToList()),
            "gradebook" => ParseGradebook(args.Skip(1).ToList()),
            "jupyter" => ParseJupyter(args.Skip(1).ToList()),
            "export" => ParseExport(args.Skip(1).ToList()),
            _ => new UsageError($"unknown command '{args[0]}'"),
        };
    }

    private static CliCommand ParseRun(List<string> args)
    {
        var optionError = ParseOptions(args, ["--out", "--timeout", "--cell-timeout", "--jobs"], ["--no-setup"], out var parsed);
        // With a bad option `parsed` is empty and the timeout falls back; the option error is reported first.
        var timeoutError = Seconds(parsed, "--timeout", DefaultTimeout, out var timeout);
        var cellTimeoutError = Seconds(parsed, "--cell-timeout", Timeout.InfiniteTimeSpan, out var cellTimeout);
        var jobsError = Count(parsed, "--jobs", DefaultJobs, out var jobs);
        if ((optionError ?? timeoutError ?? cellTimeoutError ?? jobsError) is { } error)
        {
            return error;
        }
        return new RunCommandOptions(parsed.Positional, parsed.Values.GetValueOrDefault("--out"), timeout, parsed.Flags.Contains("--no-setup"),
            cellTimeout == Timeout.InfiniteTimeSpan ? null : cellTimeout, jobs);
    }

    private static UsageError? Count(ParsedOptions parsed, string name, int fallback, out int count)
    {
        count = fallback;
        if (!parsed.Values.TryGetValue(name, out var value))
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= MaxJobs)
        {
            return null;
        }
        count = fallback;
        return new UsageError($"{name} must be a whole number from 1 to {MaxJobs} (got '{value}')");
    }

    private static CliCommand ParseExport(List<string> args)
    {
        var optionError = ParseOptions(args, ["--to", "--out"], ["--check"], out var parsed);
        if (optionError is not null)
        {
            return optionError;
        }
        if (parsed.Values.GetValueOrDefault("--to") != "app")
        {
            return new UsageError("export needs --to app (the one target: .NET 10 file-based apps)");
        }
        if (parsed.Positional.Count == 0 || parsed.Values.GetValueOrDefault("--out") is not { } outDir)
        {
            return new UsageError("export needs one or more notebooks and --out DIR");
        }
        return new ExportAppOptions(parsed.Positional, outDir, parsed.Flags.Contains("--check"));
    }

    private static CliCommand ParseJupyter(List<string> args)
    {
        if (args.Count == 0 || args[0] != "install")
        {
            return new UsageError($"jupyter takes one command, install (got {(args.Count == 0 ? "nothing" : $"'{args[0]}'")})");
        }
        var optionError = ParseOptions(args.Skip(1).ToList(), ["--data-dir"], [], out var parsed);
        if (optionError is not null)
        {
            return optionError;
        }
        return parsed.Positional.Count == 0
            ? new JupyterInstallOptions(parsed.Values.GetValueOrDefault("--data-dir"))
            : new UsageError($"jupyter install takes no file (got {parsed.Positional[0]})");
    }

    private static CliCommand ParseAssign(List<string> args)
    {
        var optionError = ParseOptions(args, ["--out", "--timeout", "--roster"], [], out var parsed);
        // With a bad option `parsed` is empty and the timeout falls back; the option error is reported first.
        var timeoutError = Seconds(parsed, "--timeout", DefaultTimeout, out var timeout);
        if ((optionError ?? timeoutError) is { } error)
        {
            return error;
        }
        if (parsed.Positional.Count != 1)
        {
            return new UsageError($"assign takes one source notebook (got {parsed.Positional.Count} paths)");
        }
        return new AssignCommandOptions(
            parsed.Positional[0], parsed.Values.GetValueOrDefault("--roster"), parsed.Values.GetValueOrDefault("--out"), timeout);
    }

    private static CliCommand ParseGrade(List<string> args)
    {
        var optionError = ParseOptions(args, ["--out", "--timeout", "--roster", "--memory", "--max-size", "--jobs", "--shard"], ["--no-sandbox"], out var parsed);
        // With a bad option `parsed` is empty and the timeout falls back; the option error is reported first.
        var timeoutError = Seconds(parsed, "--timeout", DefaultGradeTimeout, out var timeout);
        var jobsError = Count(parsed, "--jobs", DefaultJobs, out var jobs);
        if ((optionError ?? timeoutError ?? jobsError) is { } error)
        {
            return error;
        }
        if (parsed.Positional.Count != 2)
        {
            return new UsageError($"grade takes a source notebook and a submissions folder (got {parsed.Positional.Count} paths)");
        }
        var memory = DefaultMemoryMegabytes;
        if (parsed.Values.TryGetValue("--memory", out var text)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out memory) || memory < MinimumMemoryMegabytes))
        {
            return new UsageError($"--memory must be a whole number of megabytes, at least {MinimumMemoryMegabytes} (the worker alone needs about 300) (got '{text}')");
        }
        var maxSize = DefaultMaxSubmissionMegabytes;
        if (parsed.Values.TryGetValue("--max-size", out var sizeText)
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out maxSize) || maxSize < 1))
        {
            return new UsageError($"--max-size must be a whole number of megabytes, at least 1 (got '{sizeText}')");
        }
        (int, int)? shard = null;
        if (parsed.Values.TryGetValue("--shard", out var shardText))
        {
            var parts = shardText.Split('/');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || k < 1 || k > n)
            {
                return new UsageError($"--shard must be K/N with 1 ≤ K ≤ N, e.g. 2/8 for the second of eight shares (got '{shardText}')");
            }
            shard = (k, n);
        }
        return new GradeCommandOptions(parsed.Positional[0], parsed.Positional[1], parsed.Values.GetValueOrDefault("--roster"),
            parsed.Values.GetValueOrDefault("--out"), timeout, memory, maxSize * 1024L * 1024L, jobs, shard, parsed.Flags.Contains("--no-sandbox"));
    }

    private static CliCommand ParseGradebook(List<string> args)
    {
        if (args.Count == 0 || args[0] != "merge")
        {
            return new UsageError("gradebook takes one command: merge");
        }
        var optionError = ParseOptions(args.Skip(1).ToList(), ["--out"], [], out var parsed);
        if (optionError is not null)
        {
            return optionError;
        }
        if (parsed.Positional.Count < 2 || parsed.Values.GetValueOrDefault("--out") is not { } outDir)
        {
            return new UsageError("gradebook merge takes the source notebook, --out DIR and the shards' grading folders");
        }
        return new GradebookMergeOptions(parsed.Positional[0], outDir, parsed.Positional.Skip(1).ToList());
    }

    private sealed record ParsedOptions(List<string> Positional, Dictionary<string, string> Values, HashSet<string> Flags);

    // Splits arguments into positional ones, options with a value and flags; returns the error for a bad option.
    private static UsageError? ParseOptions(List<string> args, string[] valueOptions, string[] flags, out ParsedOptions parsed)
    {
        parsed = new ParsedOptions([], [], []);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitOption(args[i]);
            if (flags.Contains(name) && inlineValue is null)
            {
                parsed.Flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                if (string.IsNullOrEmpty(value))
                {
                    return new UsageError($"{name} needs a value");
                }
                parsed.Values[name] = value;
            }
            else if (name.StartsWith('-'))
            {
                return new UsageError($"unknown option '{args[i]}'");
            }
            else
            {
                parsed.Positional.Add(args[i]);
            }
        }
        return null;
    }

    private static UsageError? Seconds(ParsedOptions parsed, string name, TimeSpan fallback, out TimeSpan span)
    {
        span = fallback;
        if (!parsed.Values.TryGetValue(name, out var value))
        {
            return null;
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            span = TimeSpan.FromSeconds(seconds);
            return null;
        }
        return new UsageError($"{name} must be a positive number of seconds (got '{value}')");
    }

    // Accepts both "--out DIR" and "--out=DIR".
    private static (string Name, string? Value) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
