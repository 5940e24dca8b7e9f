using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Interactive;
using CourseKit.Tensors;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive;

namespace CourseKit.Worker;

/// <summary>
/// One C# kernel, built as VS Code's Polyglot Notebooks and Jupyter's .NET kernel build theirs, that runs cells one at a
/// time and reports every output to the parent the moment the kernel produces it.
/// </summary>
internal sealed class KernelHost : IDisposable
{
    private readonly ProtocolChannel _channel;
    private CompositeKernel _kernel;
    private int _executionCount;

    /// <summary>
    /// Builds the kernel and gets it going before the first cell arrives: on another core a first script that loads
    /// the kit is compiled, and the kernel runs an empty submission. The compiler's and the kernel's first runs cost
    /// about a second and a half together; done here, in parallel, the first cell's output comes about half a second
    /// sooner. The empty submission declares nothing, so the notebook still starts in a kernel with nothing in it.
    /// </summary>
    public KernelHost(ProtocolChannel channel)
    {
        _channel = channel;
        UseBrowserFormatting();
        var warmUp = Task.Run(WarmUpCompilerAsync);
        _kernel = CreateKernel();
        _kernel.SendAsync(new SubmitCode("// warm-up")).GetAwaiter().GetResult();
        warmUp.GetAwaiter().GetResult();
    }

    /// <summary>Replaces the kernel with a fresh one whose current folder is <paramref name="folder"/>: the next notebook.</summary>
    public void Open(string folder)
    {
        Directory.SetCurrentDirectory(folder);
        _kernel.Dispose();
        // The last notebook's kernel, compilations and values are garbage now; giving their memory back keeps a
        // worker that runs notebook after notebook at its first notebook's size (about 350 MB instead of 850).
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        _kernel = CreateKernel();
        _executionCount = 0;
    }

    /// <summary>Runs one cell's code; sends its outputs as they come and then "done". Returns whether it succeeded.</summary>
    public async Task<bool> RunCellAsync(int cell, string code)
    {
        var clock = Stopwatch.StartNew();
        var count = ++_executionCount;
        var command = new SubmitCode(code);
        var ok = true;
        using var streams = new StreamBuffer(output => SendOutput(cell, output));
        void Send(JsonObject output, string? displayId = null) => streams.Flush(() => SendOutput(cell, output, displayId));
        using var subscription = _kernel.KernelEvents.Subscribe(e =>
        {
            switch (e)
            {
                case StandardOutputValueProduced stdout:
                    streams.Append("stdout", Text(stdout));
                    break;
                case StandardErrorValueProduced stderr:
                    streams.Append("stderr", Text(stderr));
                    break;
                case DisplayedValueUpdated updated:
                    streams.Flush(() => _channel.Send(new JsonObject
                    {
                        [WorkerProtocol.Event] = WorkerProtocol.Update,
                        [WorkerProtocol.Cell] = cell,
                        [WorkerProtocol.DisplayId] = updated.ValueId,
                        [WorkerProtocol.Output] = CellOutputs.Display(updated),
                    }));
                    break;
                case ReturnValueProduced result when result.Value is not DisplayedValue:
                    Send(CellOutputs.Result(result, count));
                    break;
                case DisplayedValueProduced displayed:
                    Send(CellOutputs.Display(displayed), displayed.ValueId);
                    break;
                case ErrorProduced error:
                    Send(CellOutputs.Error("Error", error.Message));
                    break;
                case DiagnosticsProduced diagnostics when CellOutputs.Warnings(diagnostics) is { } warnings:
                    streams.Append("stderr", warnings);
                    break;
                case CommandFailed failed when failed.Command == command:
                    ok = false;
                    Send(CellOutputs.Failure(failed));
                    break;
            }
        });
        await _kernel.SendAsync(command);
        streams.Flush(() => _channel.Send(new JsonObject
        {
            [WorkerProtocol.Event] = WorkerProtocol.Done,
            [WorkerProtocol.Cell] = cell,
            [WorkerProtocol.Ok] = ok,
            [WorkerProtocol.Seconds] = Math.Round(clock.Elapsed.TotalSeconds, 4),
        }));
        return ok;
    }

    /// <summary>The current values of <paramref name="names"/> as answer data (see <see cref="AnswerCodec"/>), and why any could not be read.</summary>
    public (JsonObject Values, JsonObject Problems) ReadValues(IEnumerable<string> names)
    {
        var values = new JsonObject();
        var problems = new JsonObject();
        foreach (var name in names.Distinct())
        {
            if (!CSharp.TryGetValue<object>(name, out var value))
            {
                problems[name] = "has no value: it is not declared, or the cell that declares it did not run";
                continue;
            }
            var (data, problem) = AnswerCodec.Encode(value);
            if (data is not null)
            {
                values[name] = data;
            }
            else
            {
                problems[name] = problem;
            }
        }
        return (values, problems);
    }

    /// <summary>
    /// Declares each variable with its declared type and the value its data holds, all in one submission (one
    /// compilation rather than one per variable); returns why any could not be.
    /// </summary>
    public async Task<JsonObject> SetValuesAsync(JsonObject variables)
    {
        var problems = new JsonObject();
        var values = new List<(string Name, string Type, object? Value)>();
        foreach (var (name, node) in variables)
        {
            try
            {
                if (node is not JsonObject variable || variable["declared"]?.GetValue<string>() is not { } declared
                    || variable["data"] is not JsonObject data || !SyntaxFacts.IsValidIdentifier(name))
                {
                    throw new AnswerException("is not a variable with a declared type and data");
                }
                values.Add((name, declared, AnswerCodec.Decode(data, declared)));
            }
            catch (Exception e) when (e is AnswerException or InvalidOperationException or OverflowException or FormatException)
            {
                problems[name] = e.Message;
            }
        }
        if (values.Count == 0)
        {
            return problems;
        }
        var declarations = string.Join("\n", values.Select(v => $"{AnswerCodec.CSharpName(v.Type)} {v.Name} = default;"));
        var declaredAll = await _kernel.SendAsync(new SubmitCode(declarations));
        if (declaredAll.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
        {
            foreach (var (name, _, _) in values)
            {
                problems[name] = $"could not be declared: {failed.Message}";
            }
            return problems;
        }
        foreach (var (name, _, value) in values)
        {
            CSharp.ScriptState.GetVariable(name).Value = value;
        }
        return problems;
    }

    public void Dispose() => _kernel.Dispose();

    private CSharpKernel CSharp => _kernel.ChildKernels.OfType<CSharpKernel>().Single();

    private void SendOutput(int cell, JsonObject output, string? displayId = null)
    {
        var message = new JsonObject
        {
            [WorkerProtocol.Event] = WorkerProtocol.Output,
            [WorkerProtocol.Cell] = cell,
            [WorkerProtocol.Output] = output,
        };
        if (displayId is not null)
        {
            message[WorkerProtocol.DisplayId] = displayId;
        }
        _channel.Send(message);
    }

    // Registers the kit's formatters (as the notebook's own Kit.Setup() would) from a compiled script, so the
    // compiler and the kit are loaded and compiled before the first cell arrives.
    private static Task WarmUpCompilerAsync() =>
        CSharpScript.EvaluateAsync(
            "CourseKit.Interactive.Kit.Setup()",
            ScriptOptions.Default.AddReferences(typeof(Kit).Assembly, typeof(Tensor<>).Assembly));

    private static string Text(DisplayEvent e) => string.Concat(e.FormattedValues.Select(v => v.Value));

    // The engine's own display(x) publishes one DisplayedValue and returns another with a different id, so
    // display(x).Update(y) shows y as a new output instead of replacing x (visible as one line per update in a
    // progress display). This display, declared before the notebook's first cell, shadows the helper and returns
    // the value it published.
    private const string DisplayThatUpdates = """
        Microsoft.DotNet.Interactive.Formatting.DisplayedValue display(object value, params string[] mimeTypes) =>
            Microsoft.DotNet.Interactive.KernelInvocationContext.Current is { } context
                ? Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(context, value, mimeTypes)
                : Microsoft.DotNet.Interactive.Kernel.display(value, mimeTypes);
        """;

    // The kernel as the .NET Interactive tool builds it for VS Code and Jupyter, C# only and without NuGet:
    // `#r` for assembly files, `display(...)` and the other kernel helpers, `#!who`.
    private static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel()
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        csharp.DeferCommand(new SubmitCode(DisplayThatUpdates));
        var composite = new CompositeKernel { { csharp, ["c#", "C#"] } };
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    // What VS Code and Jupyter set: values display as HTML, strings as plain text.
    private static void UseBrowserFormatting()
    {
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
    }
}
