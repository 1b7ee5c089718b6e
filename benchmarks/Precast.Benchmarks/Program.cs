using BenchmarkDotNet.Running;
using Precast.Benchmarks;
using Precast.Benchmarks.Compare;

// `compare [--network NAME] [--threads N] [--repeat N]` times Precast, PyTorch and ONNX Runtime side by side; anything else goes
// to BenchmarkDotNet's switcher (for example `--filter '*'`, or no arguments for a menu).
if (args.Length > 0 && args[0] == "compare")
    return CompareCommand.Run(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(NetworkBenchmarks).Assembly).Run(args);
return 0;
