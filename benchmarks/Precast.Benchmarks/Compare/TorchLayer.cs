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
        // PyTorch's padding is symmetric: the same before and after on each axis.
        Compare("padding", [Padding[0], Padding[0], Padding[1], Padding[1]], [g.PadTop, g.PadBottom, g.PadLeft, g.PadRight]);
        Compare("groups", [Groups], [g.Groups]);
        if (HasBias != layer.HasBias)
            differences.Add($"bias {(HasBias ? "on" : "off")} in PyTorch, {(layer.HasBias ? "on" : "off")} in Precast");
        return differences.Count == 0 ? null : string.Join("; ", differences);

        void Compare(string what, int[] torch, int[] precast)
        {
            if (!torch.AsSpan().SequenceEqual(precast))
                differences.Add($"{what} [{string.Join(", ", torch)}] in PyTorch, [{string.Join(", ", precast)}] in Precast");
        }
    }
}
