namespace Precast.Benchmarks.Compare;

/// <summary>One convolution as PyTorch ran it alone: its geometry as the module declares it, and the medians per batch.</summary>
public sealed record TorchLayer(
    string Network, string Layer, int[] InputShape, int OutChannels, int[] Kernel, int[] Stride, int[] Padding, int Groups, bool HasBias,
    IReadOnlyList<LayerMeasurement> Results)
{
    /// <summary>Null when this is the geometry of <paramref name="layer"/>; otherwise what differs.</summary>
    public string? Difference(ConvolutionLayer layer)
    {
        Kernels.Conv2DGeometry g = layer.Geometry;
        var differences = new List<string>();
        Compare("input", InputShape, [g.InChannels, g.InHeight, g.InWidth]);
        Compare("output channels", [OutChannels], [g.OutChannels]);
        Compare("kernel", Kernel, [g.KernelHeight, g.KernelWidth]);
        Compare("stride", Stride, [g.StrideHeight, g.StrideWidth]);
        // PyTorch pads both sides alike, but at a stride the last window can stop before the bottom
        // or right padding, and Precast's geometry counts only the padding the windows read: the same
        // convolution is the same top and left padding and the same output size.
        Compare("padding (top, left)", Padding, [g.PadTop, g.PadLeft]);
        Compare("output size", [Output(0), Output(1)], [g.OutHeight, g.OutWidth]);
        Compare("groups", [Groups], [g.Groups]);
        if (HasBias != layer.HasBias)
            differences.Add($"bias {(HasBias ? "on" : "off")} in PyTorch, {(layer.HasBias ? "on" : "off")} in Precast");
        return differences.Count == 0 ? null : string.Join("; ", differences);

        // PyTorch's output length on an axis (dilation 1, as every benchmarked layer has).
        int Output(int axis) => (InputShape[axis + 1] + 2 * Padding[axis] - Kernel[axis]) / Stride[axis] + 1;

        void Compare(string what, int[] torch, int[] precast)
        {
            if (!torch.AsSpan().SequenceEqual(precast))
                differences.Add($"{what} [{string.Join(", ", torch)}] in PyTorch, [{string.Join(", ", precast)}] in Precast");
        }
    }
}
