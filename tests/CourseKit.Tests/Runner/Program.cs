using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CourseKit.Tests.Runner;

/// <summary>
/// Runs this assembly's tests on xUnit's own engine without <c>dotnet test</c>, for builds the test platform cannot
/// host: CI's linux-arm64 self-contained build under qemu-aarch64. <c>dotnet test</c> never calls it.
/// <code>CourseKit.Tests [--class Prefix1,Prefix2] | --describe [--expect TEXT]</code>
/// <c>--class</c> keeps the tests whose full class name starts with one of the prefixes (for example
/// <c>CourseKit.Tests.GemmTests,CourseKit.Tests.Recurrent.</c>). Prints each failure and a closing line in
/// <c>dotnet test</c>'s form; exit code 0 when every selected test passed, 1 otherwise. <c>--describe</c> only prints the
/// first line (the vector path, GEMM kernel and tanh evaluation), and with <c>--expect</c> exits 1 unless it contains
/// TEXT: CI checks that each DOTNET_Enable* setting really selects the path it tests.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string[] prefixes = Option(args, "--class")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
        string path = $"CourseKit.Tests on {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}: " +
                      $"Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, " +
                      $"Vector128 {Vector128.IsHardwareAccelerated}, Vector<float> {System.Numerics.Vector<float>.Count} lanes; " +
                      $"GEMM kernel {CourseKit.Kernels.Gemm.KernelName}, float tanh and sigmoid {CourseKit.Kernels.ActivationKernels.FloatFunctionsPath}";
        Console.WriteLine(path);
        if (args.Contains("--describe"))
        {
            string? expected = Option(args, "--expect");
            if (expected is null || path.Contains(expected, StringComparison.Ordinal)) return 0;
            Console.WriteLine($"Expected this process to run \"{expected}\", but it does not: the DOTNET_Enable* variables did not select that path.");
            return 1;
        }
        var clock = Stopwatch.StartNew();
        var assembly = typeof(Program).Assembly;
        var sink = new Sink();
        using var framework = new XunitTestFramework(sink);
        using var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly));
        var discoveryOptions = new Options(("xunit.discovery.PreEnumerateTheories", true));
        discoverer.Find(includeSourceInformation: false, sink, discoveryOptions);
        sink.Finished.WaitOne();
        var selected = sink.TestCases.Where(t => prefixes.Length == 0 ||
            prefixes.Any(p => t.TestMethod.TestClass.Class.Name.StartsWith(p, StringComparison.Ordinal))).ToList();
        Console.WriteLine($"{selected.Count} of {sink.TestCases.Count} test cases selected");
        sink.Finished.Reset();
        using var executor = framework.GetExecutor(assembly.GetName());
        executor.RunTests(selected, sink, new Options(("xunit.execution.DisableParallelization", false)));
        sink.Finished.WaitOne();
        Console.WriteLine($"{(sink.Failed == 0 ? "Passed!" : "Failed!")}  - Failed: {sink.Failed}, Passed: {sink.Passed}, " +
                          $"Skipped: {sink.Skipped}, Total: {sink.Failed + sink.Passed + sink.Skipped}, Duration: {clock.Elapsed.TotalSeconds:0} s");
        return sink.Failed == 0 && selected.Count > 0 ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Collects discovered test cases and counts results; <see cref="Finished"/> is set at the end of each phase.</summary>
    private sealed class Sink : LongLivedMarshalByRefObject, IMessageSink
    {
        public ConcurrentBag<ITestCase> TestCases { get; } = [];
        public ManualResetEvent Finished { get; } = new(false);
        public int Passed, Failed, Skipped;

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestCaseDiscoveryMessage found: TestCases.Add(found.TestCase); break;
                case IDiscoveryCompleteMessage: Finished.Set(); break;
                case ITestPassed: Interlocked.Increment(ref Passed); break;
                case ITestSkipped skipped:
                    Interlocked.Increment(ref Skipped);
                    Console.WriteLine($"[SKIP] {skipped.Test.DisplayName}: {skipped.Reason}");
                    break;
                case ITestFailed failed:
                    Interlocked.Increment(ref Failed);
                    Console.WriteLine($"[FAIL] {failed.Test.DisplayName}\n{string.Join("\n", failed.Messages)}\n{string.Join("\n", failed.StackTraces)}");
                    break;
                case IErrorMessage error:
                    Interlocked.Increment(ref Failed);
                    Console.WriteLine($"[ERROR] {string.Join("\n", error.Messages)}\n{string.Join("\n", error.StackTraces)}");
                    break;
                case ITestAssemblyFinished: Finished.Set(); break;
            }
            return true;
        }
    }

    /// <summary>xUnit's discovery and execution options: a dictionary of named values.</summary>
    private sealed class Options(params (string Name, object Value)[] values) : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> values = values.ToDictionary(v => v.Name, v => (object?)v.Value);

        public TValue GetValue<TValue>(string name) => values.TryGetValue(name, out var v) && v is TValue t ? t : default!;

        public void SetValue<TValue>(string name, TValue value) => values[name] = value;
    }
}
