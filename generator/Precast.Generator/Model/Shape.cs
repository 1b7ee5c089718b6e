using System;
using System.Collections.Generic;
using System.Text;

namespace Precast.Generator.Model;

/// <summary>
/// The shape of one sample flowing between layers, without the batch dimension: [784] or
/// [1, 28, 28]. The batch is a run-time dimension and appears in no shape here; so will the
/// bounded time axis of sequences, which is why layers that work per position (Dense) take their
/// sizes from the last axis and count the leading ones as rows.
/// </summary>
internal readonly struct Shape : IEquatable<Shape>
{
    private readonly EquatableArray<int> _dimensions;

    public Shape(IEnumerable<int> dimensions) => _dimensions = dimensions.ToEquatableArray();

    public static Shape Vector(int length) => new(new[] { length });

    /// <summary>This shape with its last axis replaced: [T, 64].WithLast(10) is [T, 10].</summary>
    public Shape WithLast(int length)
    {
        var dimensions = new int[Rank];
        for (int axis = 0; axis < Rank - 1; axis++)
            dimensions[axis] = _dimensions[axis];
        dimensions[Rank - 1] = length;
        return new Shape(dimensions);
    }

    public int Rank => _dimensions.Count;

    public int this[int axis] => _dimensions[axis];

    public EquatableArray<int> Dimensions => _dimensions;

    /// <summary>The number of values in one sample; only valid once <see cref="CheckedLength"/> passed.</summary>
    public int Length => (int)CheckedLength;

    /// <summary>The number of values, as a long so callers can detect sizes no array can hold (long.MaxValue past that).</summary>
    public long CheckedLength
    {
        get
        {
            long length = 1;
            foreach (int dimension in _dimensions)
            {
                length *= dimension;
                if (length > Limits.MaxArrayLength)
                    return long.MaxValue;
            }
            return length;
        }
    }

    public bool Equals(Shape other) => _dimensions.Equals(other._dimensions);

    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    public override int GetHashCode() => _dimensions.GetHashCode();

    /// <summary>Formats the shape as the user writes it: <c>[1, 28, 28]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < Rank; i++)
        {
            if (i > 0)
                text.Append(", ");
            text.Append(_dimensions[i]);
        }
        return text.Append(']').ToString();
    }
}
