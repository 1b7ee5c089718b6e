namespace Precast;

/// <summary>
/// One named tensor inside a model's flat parameter buffer.
/// </summary>
/// <param name="Name">The checkpoint name, in PyTorch's style: <c>Hidden.weight</c>, <c>Hidden.bias</c>.</param>
/// <param name="Shape">The tensor's shape, row-major (a dense weight is [outputs, inputs]).</param>
/// <param name="Offset">Where the tensor starts in <c>Parameters</c> and <c>Gradients</c>.</param>
public sealed record ParameterTensor(string Name, int[] Shape, int Offset)
{
    /// <summary>The number of values: the product of <see cref="Shape"/>.</summary>
    public int Length
    {
        get
        {
            int length = 1;
            foreach (int dimension in Shape)
                length *= dimension;
            return length;
        }
    }

    /// <summary>The shape written as <c>[128, 784]</c>.</summary>
    public string ShapeText => Precast.ShapeText.Format(Shape);
}
