namespace Precast.Checkpoints;

/// <summary>One tensor's entry in a safetensors header: its name, element type, shape and where its bytes lie.</summary>
public sealed class SafeTensorInfo
{
    internal SafeTensorInfo(string name, SafeTensorsDType dtype, int[] shape, long elementCount, long begin, long end)
    {
        Name = name;
        DType = dtype;
        Shape = shape;
        ElementCount = elementCount;
        Begin = begin;
        End = end;
    }

    /// <summary>The tensor's name: <c>Hidden.weight</c>.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafeTensorsDType DType { get; }

    /// <summary>The shape, row-major; empty for a scalar.</summary>
    public int[] Shape { get; }

    /// <summary>The number of values: the product of <see cref="Shape"/>.</summary>
    public long ElementCount { get; }

    /// <summary>Where the tensor's bytes start, counted from the start of the data section.</summary>
    public long Begin { get; }

    /// <summary>Where the tensor's bytes end (exclusive), counted from the start of the data section.</summary>
    public long End { get; }

    /// <summary>The shape written as <c>[128, 784]</c>.</summary>
    public string ShapeText => Precast.ShapeText.Format(Shape);
}
