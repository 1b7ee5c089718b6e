namespace Precast.Benchmarks.Compare;

/// <summary>What benchmarks/compare/torch_mlp.py measured and found out about its PyTorch.</summary>
/// <param name="TorchVersion">torch.__version__.</param>
/// <param name="PythonVersion">The interpreter's version.</param>
/// <param name="Threads">torch.get_num_threads() after the script set it.</param>
/// <param name="Blas">The BLAS torch's matrix products call, with OpenBLAS's own configuration when it is OpenBLAS.</param>
/// <param name="OnnxPath">The exported model, batch axis dynamic.</param>
/// <param name="Results">The medians, in microseconds.</param>
public sealed record TorchReport(
    string TorchVersion, string PythonVersion, int Threads, string Blas, string OnnxPath, IReadOnlyList<Measurement> Results);
