namespace Precast.Optimizers;

/// <summary>A contiguous stretch of the flat parameter buffer: adjacent tensors of one group merge into one, so the update runs over it in one vectorized pass.</summary>
/// <param name="Start">The offset of the first value.</param>
/// <param name="Length">How many values.</param>
internal readonly record struct ParameterRange(int Start, int Length);
