using System.Globalization;

namespace Precast.Generator.Layers;

/// <summary>
/// The compile-time twin of the runtime's <c>Precast.Kernels.Conv2DGeometry</c>: one sample's
/// convolution shape, NCHW, every number a constant. A 1-D convolution is the 2-D one with height 1;
/// a transposed convolution is described by the convolution it transposes (its input is this
/// geometry's output side). Emitted as a static readonly field that every kernel call takes.
/// </summary>
internal sealed record ConvGeometry(
    int InChannels, int InHeight, int InWidth,
    int OutChannels, int OutHeight, int OutWidth,
    int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth,
    int PadTop, int PadLeft,
    int DilationHeight, int DilationWidth,
    int Groups)
{
    public int GroupInChannels => InChannels / Groups;

    public int GroupOutChannels => OutChannels / Groups;

    /// <summary>Products feeding one output value: <c>(InChannels / Groups)·KernelHeight·KernelWidth</c>, im2col's K.</summary>
    public long Taps => (long)GroupInChannels * KernelHeight * KernelWidth;

    /// <summary>Output positions per channel, im2col's P.</summary>
    public long Positions => (long)OutHeight * OutWidth;

    /// <summary>Multiplications per sample: every output value's taps.</summary>
    public long Multiplies => OutChannels * Positions * Taps;

    /// <summary>Values of im2col's columns for one group of one sample: K·P.</summary>
    public long ColumnsLength => Taps * Positions;

    /// <summary>
    /// The runtime's chunk rule (<c>Precast.Kernels.Im2ColConvolution.SamplesPerChunk</c>), written again
    /// because the generator cannot reference the runtime: im2col multiplies <c>G</c> samples at a time,
    /// <c>G = max(1, min(ceil(512 / P), floor(2^18 / (P·(K + Og)))))</c>. A test in
    /// Precast.Generator.Tests checks that the two agree.
    /// </summary>
    public long SamplesPerChunk => System.Math.Max(1, System.Math.Min((512 + Positions - 1) / Positions, (1L << 18) / (Positions * (Taps + GroupOutChannels))));

    /// <summary>
    /// The scratch the im2col and transposed kernels take (the runtime's <c>ColumnsLength</c>): the
    /// columns and the product of a chunk, <c>G·P·(K + Og)</c>, or the columns alone (K·P) when G = 1.
    /// </summary>
    public long ScratchLength => SamplesPerChunk == 1 ? ColumnsLength : SamplesPerChunk * Positions * (Taps + GroupOutChannels);

    /// <summary>The static field's initializer, one named argument per line group.</summary>
    public string[] Initializer() =>
    [
        $"    InChannels: {N(InChannels)}, InHeight: {N(InHeight)}, InWidth: {N(InWidth)},",
        $"    OutChannels: {N(OutChannels)}, OutHeight: {N(OutHeight)}, OutWidth: {N(OutWidth)},",
        $"    KernelHeight: {N(KernelHeight)}, KernelWidth: {N(KernelWidth)}, StrideHeight: {N(StrideHeight)}, StrideWidth: {N(StrideWidth)},",
        $"    PadTop: {N(PadTop)}, PadLeft: {N(PadLeft)}, DilationHeight: {N(DilationHeight)}, DilationWidth: {N(DilationWidth)}, Groups: {N(Groups)});",
    ];

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
