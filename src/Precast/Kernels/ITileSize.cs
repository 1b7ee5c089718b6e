namespace Precast.Kernels;

/// <summary>
/// A compile-time tile dimension. The GEMM micro-kernels take their row and column counts as type
/// arguments implementing this interface; because the arguments are structs, the JIT compiles one
/// copy per size with <see cref="Value"/> folded to a constant, so the unused accumulators and
/// their branches disappear. One source then serves the full tile and every edge tile.
/// </summary>
internal interface ITileSize
{
    /// <summary>The dimension.</summary>
    static abstract int Value { get; }
}
