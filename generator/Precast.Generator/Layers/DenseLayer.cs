using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [Dense(units)]: y = x·Wᵀ + b over the last axis, with W [units, inputs] (PyTorch's nn.Linear
/// layout) and b [units]: a [D] sample becomes [units], a [T, D] sequence [T, units] with the same
/// weights at every position. Forward and backward are three matrix products over all rows (batch
/// times the leading axes); the kernels live in Precast.Kernels.Gemm, the sizes here are literals.
/// </summary>
internal sealed record DenseLayer(string Name, SourceSpan? Location, int Units, bool HasBias, Initializer Initializer)
    : LayerSpec(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) =>
        new DenseLayer(
            context.Name,
            context.Location,
            AttributeReader.Constructor(attribute, 0, 0),
            AttributeReader.Named(attribute, "Bias", true),
            (Initializer)AttributeReader.Named(attribute, "Initializer", 0));

    public override string Kind => "Dense";

    public override string Formula => HasBias ? "y = x·Wᵀ + b" : "y = x·Wᵀ";

    public override BackwardInputs BackwardReads => BackwardInputs.Inputs;

    protected override Shape? InferShape(Shape input, ShapeContext context)
    {
        if (Units < 1)
            return context.Report(Diagnostics.Descriptors.NonPositiveSize, "Units", context.Display, Units);
        if (!System.Enum.IsDefined(typeof(Initializer), Initializer))
            return context.Invalid("Initializer", (int)Initializer, $"it must be one of {EnumNames.List<Initializer>()}");
        int features = input[input.Rank - 1];
        if ((long)features * Units > Limits.MaxArrayLength)
        {
            return context.Report(Diagnostics.Descriptors.SizeTooLarge,
                $"The weight matrix of {context.Display} ([{Units}, {features}])", (long)features * Units);
        }
        return input.WithLast(Units);
    }

    public override IEnumerable<ParameterSpec> GetParameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        Shape input = inputs[0];
        yield return new ParameterSpec("weight", new Shape(new[] { Units, input[input.Rank - 1] }), "W: row o holds the weights of output o");
        if (HasBias)
            yield return new ParameterSpec("bias", Shape.Vector(Units), "b: the bias of each output");
    }

    public override long Multiplies(IReadOnlyList<Shape> inputs, Shape output) => (long)inputs[0].Length * Units;

    public override void EmitInitialization(NodeEmitContext context) =>
        WeightInitialization.Emit(context, Initializer, "weight", Features(context), Units, HasBias);

    private static int Features(NodeEmitContext context) => context.InputShape(0)[context.InputShape(0).Rank - 1];

    public override void EmitForward(NodeEmitContext context)
    {
        var w = context.Writer;
        int inputs = Features(context);
        string t = context.T;
        string rows = context.Rows(0, inputs);
        w.Line($"// y[n, o] = {(HasBias ? "b[o] + " : "")}Σ_i x[n, i]·W[o, i]    for n < {rows}, o < {Units}, i < {inputs}");
        if (HasBias)
        {
            w.Line("// Start every row of y from the bias, then add x·Wᵀ on top of it.");
            w.Line($"global::Precast.Kernels.Rows.Broadcast<{t}>({context.Parameter("bias")}, {context.Output}, {rows}, {Units});");
        }
        w.Line($"global::Precast.Kernels.Gemm.MultiplyTransposedB<{t}>({context.Input(0)}, {context.Parameter("weight")}, {context.Output}, {rows}, {Units}, {inputs}, accumulate: {(HasBias ? "true" : "false")});");
    }

    public override void EmitBackward(NodeEmitContext context)
    {
        var w = context.Writer;
        int inputs = Features(context);
        string t = context.T;
        string rows = context.Rows(0, inputs);
        w.Line($"// dW[o, i] += Σ_n dy[n, o]·x[n, i]: dyᵀ·x, [{Units}, {rows}]·[{rows}, {inputs}]");
        w.Line($"global::Precast.Kernels.Gemm.MultiplyTransposedA<{t}>({context.OutputGradient}, {context.Input(0)}, {context.ParameterGradient("weight")}, {Units}, {inputs}, {rows}, accumulate: true);");
        if (HasBias)
        {
            w.Line("// db[o] += Σ_n dy[n, o]");
            w.Line($"global::Precast.Kernels.Rows.AccumulateSums<{t}>({context.OutputGradient}, {context.ParameterGradient("bias")}, {rows}, {Units});");
        }
        if (context.NeedsInputGradient(0))
        {
            w.Line($"// dx[n, i] {(context.Accumulates(0) == "true" ? "+=" : "=")} Σ_o dy[n, o]·W[o, i]: dy·W, [{rows}, {Units}]·[{Units}, {inputs}]");
            w.Line($"global::Precast.Kernels.Gemm.Multiply<{t}>({context.OutputGradient}, {context.Parameter("weight")}, {context.InputGradient(0)}, {rows}, {inputs}, {Units}, accumulate: {context.Accumulates(0)});");
        }
    }
}
