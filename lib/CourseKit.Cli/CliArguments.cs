using System.Globalization;

namespace CourseKit.Cli;

/// <summary>Hand-written parsing for the two commands: small enough that a parser library would add more than it saves.</summary>
internal static class CliArguments
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(600);

    public const string Usage = """
        coursekit: build the notebook kit and run the CourseKit notebooks headless.

        Usage:
          coursekit setup
              Run `dotnet tool restore` and publish lib/CourseKit.Interactive to artifacts/kit
              (the library notebooks load with #r "../artifacts/kit/CourseKit.Interactive.dll").

          coursekit run [NOTEBOOK.ipynb | FOLDER ...] [--out DIR] [--timeout SECONDS] [--no-setup]
              Run `setup` (unless --no-setup), then execute each notebook with dotnet-repl, one process
              per notebook, working directory = the notebook's folder. Writes into DIR, for each notebook:
              NAME.ipynb (executed), NAME.log (engine output), NAME.html (standalone page); and
              plotly.min.js, index.html and summary.json. Exit code 0 only when every notebook passed.
              Defaults: notebooks/*.ipynb of the repository, --out artifacts/notebooks, --timeout 600
              (seconds per notebook; the engine's process tree is killed when it runs out).

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
            _ => new UsageError($"unknown command '{args[0]}'"),
        };
    }

    private static CliCommand ParseRun(List<string> args)
    {
        var inputs = new List<string>();
        string? outDir = null;
        var timeout = DefaultTimeout;
        var noSetup = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitOption(args[i]);
            switch (name)
            {
                case "--no-setup" when inlineValue is null:
                    noSetup = true;
                    break;
                case "--out" or "--timeout":
                    var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                    if (string.IsNullOrEmpty(value))
                    {
                        return new UsageError($"{name} needs a value");
                    }
                    if (name == "--out")
                    {
                        outDir = value;
                    }
                    else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                    {
                        timeout = TimeSpan.FromSeconds(seconds);
                    }
                    else
                    {
                        return new UsageError($"--timeout must be a positive number of seconds (got '{value}')");
                    }
                    break;
                default:
                    if (name.StartsWith('-'))
                    {
                        return new UsageError($"unknown option '{args[i]}'");
                    }
                    inputs.Add(args[i]);
                    break;
            }
        }
        return new RunCommandOptions(inputs, outDir, timeout, noSetup);
    }

    // Accepts both "--out DIR" and "--out=DIR".
    private static (string Name, string? Value) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
