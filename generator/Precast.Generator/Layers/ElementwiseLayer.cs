using System.Collections.Generic;
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
    protected virtual string ExtraArguments(LayerEmitContext context) => "";

    /// <summary>The derivative, for the comment above Backward: <c>dx = dy·y·(1 − y)</c>.</summary>
    protected abstract string Derivative { get; }

    public override Shape? InferShape(Shape input, ShapeContext context) => input;

    public override void EmitForward(LayerEmitContext context) =>
        context.Writer.Line($"global::Precast.Kernels.{KernelClass}.Forward<{context.T}>(x, y{ExtraArguments(context)});");

    public override void EmitBackward(LayerEmitContext context)
    {
        // Backward reads the input or the output, whichever the derivative is cheaper from.
        string source = BackwardReads == BackwardInputs.Input ? "x" : "y";
        context.Writer.Line($"// {Derivative}");
        context.Writer.Line($"global::Precast.Kernels.{KernelClass}.Backward<{context.T}>({source}, dy, dx{ExtraArguments(context)});");
    }
}
