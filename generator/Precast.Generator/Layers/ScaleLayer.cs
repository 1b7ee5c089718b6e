using System.Collections.Generic;
using System.Linq;
using Precast.Generator.Emission;
using Precast.Generator.Model;

namespace Precast.Generator.Layers;

/// <summary>
/// The join of [Scale]: y = x · s, with the gate's output s broadcast over x's trailing axes
/// (squeeze-and-excitation: x [C, H, W], s [C]). Inputs: x, then s.
/// </summary>
/// <param name="Name">The composition's name.</param>
/// <param name="Location">The composition's attribute.</param>
/// <param name="Gate">The gate block's name, for messages.</param>
internal sealed record ScaleLayer(string Name, SourceSpan? Location, string Gate) : LayerSpec(Name, Location)
{
    public override string Kind => "Scale";

    public override int InputCount => 2;

    public override string Formula => $"y = x · {Gate}(x), broadcast over the trailing axes";

    public override BackwardInputs BackwardReads => BackwardInputs.Inputs;

    public override Shape? InferShape(IReadOnlyList<Shape> inputs, ShapeContext context)
    {
        Shape x = inputs[0];
        Shape s = inputs[1];
        if (Channels(x, s) is null)
        {
            return context.Report(Diagnostics.Descriptors.ScaleDoesNotBroadcast, context.Display, x.ToString(), Gate, s.ToString(),
                $"the gate must produce the input's leading axes, such as [{x[0]}] or [{x[0]}{string.Concat(Enumerable.Repeat(", 1", x.Rank - 1))}] for a {x} input (end the gate with a [Dense({x[0]})] on pooled channels)");
        }
        return x;
    }

    /// <summary>
    /// The values of x each gate value scales, as (channels, inner): s without its trailing 1s must
    /// equal x's leading axes. Null when it does not.
    /// </summary>
    public static (int Channels, int Inner)? Channels(Shape x, Shape s)
    {
        int rank = s.Rank;
        while (rank > 0 && s[rank - 1] == 1)
            rank--;
        if (rank > x.Rank)
            return null;
        for (int axis = 0; axis < rank; axis++)
        {
            if (s[axis] != x[axis])
                return null;
        }
        int channels = s.Length;
        return (channels, x.Length / channels);
    }

    public override void EmitForward(NodeEmitContext context)
    {
        var (channels, inner) = Channels(context.InputShape(0), context.InputShape(1))!.Value;
        context.Writer.Line($"// y[n, c, r] = x[n, c, r]·s[n, c]    for c < {channels}, r < {inner}");
        context.Writer.Line($"global::Precast.Kernels.Scale.Forward<{context.T}>({context.Input(0)}, {context.Input(1)}, {context.Output}, batch, {channels}, {inner});");
    }

    public override void EmitBackward(NodeEmitContext context)
    {
        var (channels, inner) = Channels(context.InputShape(0), context.InputShape(1))!.Value;
        string dx = context.NeedsInputGradient(0) ? context.InputGradient(0) : "default";
        string ds = context.NeedsInputGradient(1) ? context.InputGradient(1) : "default";
        context.Writer.Line("// dx = dy·s, ds[n, c] = Σ_r dy[n, c, r]·x[n, c, r]");
        context.Writer.Line(
            $"global::Precast.Kernels.Scale.Backward<{context.T}>({context.Input(0)}, {context.Input(1)}, {context.OutputGradient}, {dx}, {ds}, batch, {channels}, {inner}, " +
            $"accumulateDx: {context.Accumulates(0)}, accumulateDs: {context.Accumulates(1)});");
    }
}
