namespace Precast;

/// <summary>
/// What every convolution and pooling window shares: its stride, padding and dilation along each
/// spatial axis. A value for both axes (<see cref="Stride"/>) can be refined per axis
/// (<see cref="StrideHeight"/>, <see cref="StrideWidth"/>); a per-axis value that is set wins.
/// </summary>
public abstract class WindowAttribute : LayerAttribute
{
    private protected WindowAttribute()
    {
    }

    /// <summary>Input positions between consecutive windows along both axes. Defaults to 1 for convolutions and to the window size for pooling.</summary>
    public int Stride { get; set; }

    /// <summary>Input rows between consecutive windows; overrides <see cref="Stride"/> for the height.</summary>
    public int StrideHeight { get; set; }

    /// <summary>Input columns between consecutive windows; overrides <see cref="Stride"/> for the width.</summary>
    public int StrideWidth { get; set; }

    /// <summary>
    /// <see cref="Precast.Padding.Valid"/> (the default: only the explicit <c>Pad</c> values) or
    /// <see cref="Precast.Padding.Same"/> (as much as keeps ⌈input / stride⌉ positions, as Keras does).
    /// </summary>
    public Padding Padding { get; set; }

    /// <summary>Zeros added on every side, as PyTorch's <c>padding=p</c>. Needs <see cref="Precast.Padding.Valid"/>.</summary>
    public int Pad { get; set; }

    /// <summary>Zero rows added above the input; overrides <see cref="Pad"/> for that side.</summary>
    public int PadTop { get; set; }

    /// <summary>Zero rows added below the input; overrides <see cref="Pad"/> for that side.</summary>
    public int PadBottom { get; set; }

    /// <summary>Zero columns added left of the input; overrides <see cref="Pad"/> for that side.</summary>
    public int PadLeft { get; set; }

    /// <summary>Zero columns added right of the input; overrides <see cref="Pad"/> for that side.</summary>
    public int PadRight { get; set; }
}

/// <summary>What the convolutions add to a window: dilation, groups, bias and initialization.</summary>
public abstract class ConvolutionAttribute : WindowAttribute
{
    private protected ConvolutionAttribute()
    {
    }

    /// <summary>Input positions between consecutive kernel taps along both axes (1, the default: adjacent), as PyTorch's <c>dilation</c>.</summary>
    public int Dilation { get; set; }

    /// <summary>Input rows between consecutive kernel rows; overrides <see cref="Dilation"/> for the height.</summary>
    public int DilationHeight { get; set; }

    /// <summary>Input columns between consecutive kernel columns; overrides <see cref="Dilation"/> for the width.</summary>
    public int DilationWidth { get; set; }

    /// <summary>Whether the layer adds a bias per output channel. Defaults to <see langword="true"/>.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>How the weights are initialized. Defaults to <see cref="Initializer.Auto"/> (He before a rectifier, Glorot otherwise).</summary>
    public Initializer Initializer { get; set; } = Initializer.Auto;
}
