namespace Precast.Runtime;

/// <summary>
/// What a generated model tells the runtime about itself: its sizes, its named tensors, and where
/// its passes leave the output and expect the output gradient. Emitted as a static value in every
/// model; <see cref="ModelCore{T}"/> allocates and checks everything from it.
/// </summary>
/// <remarks>
/// The workspace holds every activation, activation gradient and layer buffer of a pass, laid out by
/// the generator's memory plan. Offsets and lengths are in values per sample: for a batch of
/// <c>n</c> samples, a tensor at offset <c>o</c> with <c>l</c> values per sample occupies
/// <c>Workspace[o·n .. (o + l)·n)</c>, so a smaller batch packs into the front of the buffer.
/// </remarks>
/// <param name="Name">The model's class name, used in messages.</param>
/// <param name="InputShape">The shape of one input sample.</param>
/// <param name="OutputShape">The shape of one output sample.</param>
/// <param name="ParameterTensors">The trainable tensors, in the order of the flat parameter buffer.</param>
/// <param name="StateTensors">The non-trainable tensors (running statistics), which checkpoints keep and optimizers never see.</param>
/// <param name="WorkspacePerSample">Values per sample the workspace holds.</param>
/// <param name="OutputOffset">Where the passes leave the output in the workspace, per sample; -1 when the output is the input itself.</param>
/// <param name="OutputGradientOffset">
/// Where the backward pass expects the gradient of the output, per sample; -1 when it is the input
/// gradient (a model of views only, whose output is its input).
/// </param>
/// <param name="KeepsInputGradient">Whether the backward pass computes the gradient with respect to the input.</param>
/// <param name="LargestSampleLength">The most values one tensor holds per sample, to bound the batch.</param>
/// <param name="ScratchValues">
/// Values of the scratch: the layer buffers whose size does not grow with the batch (a convolution's
/// im2col columns, BatchNorm's batch statistics), laid out by the same memory plan.
/// </param>
public sealed record ModelLayout(
    string Name,
    int[] InputShape,
    int[] OutputShape,
    IReadOnlyList<ParameterTensor> ParameterTensors,
    IReadOnlyList<ParameterTensor> StateTensors,
    long WorkspacePerSample,
    int OutputOffset,
    int OutputGradientOffset,
    bool KeepsInputGradient,
    int LargestSampleLength,
    int ScratchValues = 0)
{
    /// <summary>Values in one input sample.</summary>
    public int InputSize { get; } = ShapeText.Length(InputShape);

    /// <summary>Values in one output sample.</summary>
    public int OutputSize { get; } = ShapeText.Length(OutputShape);

    /// <summary>The length of the flat parameter buffer.</summary>
    public int ParameterCount { get; } = TotalLength(ParameterTensors);

    /// <summary>The length of the flat state buffer.</summary>
    public int StateCount { get; } = TotalLength(StateTensors);

    /// <summary>The sample shape as a message shows it: [1, 28, 28].</summary>
    public string InputShapeText { get; } = ShapeText.Format(InputShape);

    /// <summary>Whether the model needs a buffer for the input gradient: asked for, or the output gradient lands there.</summary>
    public bool HasInputGradientBuffer => KeepsInputGradient || OutputGradientOffset < 0;

    private static int TotalLength(IReadOnlyList<ParameterTensor> tensors)
    {
        long total = 0;
        foreach (ParameterTensor tensor in tensors)
            total = Math.Max(total, (long)tensor.Offset + tensor.Length);
        return checked((int)total);
    }
}
