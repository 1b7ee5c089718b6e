namespace Precast.Checkpoints;

/// <summary>A tensor to write with <see cref="SafeTensors.Write{T}"/>.</summary>
/// <typeparam name="T">The element type: <see cref="float"/> (stored as F32), <see cref="double"/> (F64) or <see cref="Half"/> (F16).</typeparam>
/// <param name="Name">The tensor's name, unique within the file.</param>
/// <param name="Shape">The shape, row-major; the product of its dimensions is the number of values.</param>
/// <param name="Values">The values, row-major.</param>
public readonly record struct NamedTensor<T>(string Name, int[] Shape, ReadOnlyMemory<T> Values);
