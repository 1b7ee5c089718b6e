namespace Precast.Checkpoints;

/// <summary>
/// Supplies the values of tensor <paramref name="index"/> while a file is written, so they can be
/// streamed from a span (such as a model's parameter buffer) without copying.
/// </summary>
internal delegate ReadOnlySpan<T> TensorValuesSource<T>(int index);
