using BenchmarkDotNet.Running;
using CourseKit.Benchmarks;
using CourseKit.Benchmarks.Accuracy;
using CourseKit.Benchmarks.Runner;
using CourseKit.Benchmarks.SideBySide;

// dotnet run -c Release --project tests/CourseKit.Benchmarks -- side-by-side     (CourseKit vs PyTorch, see README.md)
// dotnet run -c Release --project tests/CourseKit.Benchmarks -- gemm-vs-openblas (CourseKit's GEMM vs OpenBLAS, in-process)
// dotnet run -c Release --project tests/CourseKit.Benchmarks -- notebook-runner  (the notebook runner vs dotnet-repl)
// dotnet run -c Release --project tests/CourseKit.Benchmarks -- grading          (grading throughput, 30 submissions)
// dotnet run -c Release --project tests/CourseKit.Benchmarks -- tanh-accuracy    (the float tanh against Math.Tanh, every float; also sigmoid-accuracy)
// dotnet run -c Release --project tests/CourseKit.Benchmarks -- gemm-peak        (peak loop and GEMM GFLOP/s on one core)
// (serve: CourseKit's workloads behind torch_workloads.py's protocol, started by side-by-side --vs-isa)
// dotnet run -c Release --project tests/CourseKit.Benchmarks -- --filter '*Gemm*'  (BenchmarkDotNet)
// With no arguments BenchmarkSwitcher asks which benchmarks to run.
if (args.Length > 0 && args[0] == "side-by-side") return SideBySideCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "gemm-vs-openblas") return OpenBlasCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "notebook-runner") return await NotebookRunnerCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "grading") return await GradingCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] is "tanh-accuracy" or "sigmoid-accuracy") return AccuracyCommand.Run(args[0].Split('-')[0]);
if (args.Length > 0 && args[0] == "gemm-peak") return GemmPeakCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "serve") return ServeCommand.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(args, BenchmarkConfig.Create(args));
return 0;
