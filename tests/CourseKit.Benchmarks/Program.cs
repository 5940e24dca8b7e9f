using BenchmarkDotNet.Running;
using CourseKit.Benchmarks;

// dotnet run -c Release --project tests/CourseKit.Benchmarks -- --filter '*Gemm*'
// With no arguments BenchmarkSwitcher asks which benchmarks to run; see README.md.
BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(args, BenchmarkConfig.Create(args));
