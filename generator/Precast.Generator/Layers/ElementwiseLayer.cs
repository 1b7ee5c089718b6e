using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// A layer applied to every value on its own (ReLU, Sigmoid, ...): any input shape, the same
/// output shape, no parameters; forward and backward are one call each to its kernel in
/// Precast.Kernels, over the whole batch at once.
/// </summary>
internal abstract record ElementwiseLayer(string Name, SourceSpan? Location) : LayerSpec(Name, Location)
{
    /// <summary>The kernel class in Precast.Kernels: Relu, Sigmoid.</summary>
    protected abstract string KernelClass { get; }

    /// <summary>Arguments after the spans, with a leading comma (", 0.01f"), or empty.</summary>
    protected virtual string ExtraArguments(NodeEmitContext context) => "";

    /// <summary>The derivative, for the comment above the backward step: <c>dx = dy·y·(1 − y)</c>.</summary>
    public abstract string Derivative { get; }

    public override void EmitForward(NodeEmitContext context) =>
        context.Writer.Line($"global::Precast.Kernels.{KernelClass}.Forward<{context.T}>({context.Input(0)}, {context.Output}{ExtraArguments(context)});");

    public override void EmitBackward(NodeEmitContext context)
    {
        // Backward reads the input or the output, whichever the derivative is cheaper from.
        string source = BackwardReads == BackwardInputs.Inputs ? context.Input(0) : context.Output;
        context.Writer.Line($"// {Derivative}");
        context.Writer.Line(
            $"global::Precast.Kernels.{KernelClass}.Backward<{context.T}>({source}, {context.OutputGradient}, {context.InputGradient(0)}{ExtraArguments(context)}, accumulate: {context.Accumulates(0)});");
    }
}
