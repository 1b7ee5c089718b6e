using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Precast.Generator.Diagnostics;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [BatchNorm]: PyTorch's BatchNorm1d/2d. Per feature of a [D] sample, or per channel of a [C, L]
/// or [C, H, W] sample over its positions: training normalizes with the batch's statistics and moves
/// the running ones towards them, inference uses the running ones. γ (weight) and β (bias) are
/// trained; running_mean, running_var and num_batches_tracked are the model's non-trainable state
/// under PyTorch's names, so a state_dict loads as it is. The batch's mean and 1/√(σ² + ε) are kept
/// from the forward to the backward step in the scratch (2·C values, whatever the batch); the
/// backward step recomputes x̂ from the kept input rather than storing it.
/// </summary>
internal sealed record BatchNormLayer(string Name, SourceSpan? Location, double Momentum, double Epsilon) : LayerSpec(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, ItemContext context) =>
        new BatchNormLayer(context.Name, context.Location,
            AttributeReader.Named(attribute, "Momentum", 0.1), AttributeReader.Named(attribute, "Epsilon", 1e-5));

    public override string Kind => "BatchNorm";

    public override string Formula => "y = γ·(x − μ)/√(σ² + ε) + β, per channel";

    public override bool DependsOnTrainingMode => true;

    public override BackwardInputs BackwardReads => BackwardInputs.Inputs;

    protected override Shape? InferShape(Shape input, ShapeContext context)
    {
        if (input.Rank > 3)
        {
            long rest = input.Dimensions.Skip(1).Aggregate(1L, (a, b) => a * b);
            return context.Report(Descriptors.CannotNormalize, context.Display, context.Producer, input.ToString(),
                $"add [Reshape({input[0]}, {rest})] before it to normalize each of the {input[0]} channels over the other axes");
        }
        if (!(Momentum >= 0 && Momentum <= 1))
            return context.Invalid("Momentum", Momentum, "it is the weight of each batch in the running statistics and must be in [0, 1], such as 0.1 (PyTorch's default)");
        double epsilon = context.InPrecision(Epsilon);
        if (!(Epsilon > 0 && epsilon > 0 && !double.IsInfinity(epsilon)))
            return context.Invalid("Epsilon", Epsilon, $"it keeps the square root away from 0 and must be greater than 0 and finite (as a {context.ElementType}), such as 1e-5");
        return input;
    }

    private static int Channels(Shape input) => input[0];

    private static int Inner(Shape input) => input.Rank == 1 ? 1 : input.Length / input[0];

    public override IEnumerable<ParameterSpec> GetParameters(IReadOnlyList<Shape> inputs, Shape output)
    {
        var channels = Shape.Vector(Channels(inputs[0]));
        yield return new ParameterSpec("weight", channels, "γ: the scale of each channel, starting at 1");
        yield return new ParameterSpec("bias", channels, "β: the shift of each channel, starting at 0");
    }

    public override IEnumerable<StateSpec> GetState(IReadOnlyList<Shape> inputs, Shape output)
    {
        var channels = Shape.Vector(Channels(inputs[0]));
        yield return new StateSpec("running_mean", channels, 0, "the running mean of each channel, used in inference");
        yield return new StateSpec("running_var", channels, 1, "the running (unbiased) variance of each channel, used in inference");
        yield return new StateSpec("num_batches_tracked", new Shape([]), 0, "the training passes so far");
    }

    public override IEnumerable<BufferSpec> GetBuffers(IReadOnlyList<Shape> inputs, Shape output)
    {
        yield return new BufferSpec("Saved", 2 * Channels(inputs[0]), "the batch's mean and 1/√(σ² + ε) of each channel, for the backward step",
            BufferLifetime.Kept, PerSample: false);
    }

    public override void EmitInitialization(NodeEmitContext context)
    {
        context.Writer.Line($"// {context.Display}: γ starts at 1 and β at 0, the identity on normalized values.");
        context.Writer.Line($"{context.Parameter("weight")}.Fill({context.Literal(1)});");
    }

    private string Sizes(NodeEmitContext context) => $"batch, channels: {Channels(context.InputShape(0))}, inner: {Inner(context.InputShape(0))}";

    public override void EmitForward(NodeEmitContext context)
    {
        var w = context.Writer;
        string t = context.T;
        string x = context.Input(0), y = context.Output, gamma = context.Parameter("weight"), beta = context.Parameter("bias");
        string mean = context.State("running_mean"), variance = context.State("running_var");
        w.Line("if (training)");
        w.Line("{");
        w.Line($"    // μ, σ² of this batch (biased); running = (1 − {Literals.Readable(Momentum)})·running + {Literals.Readable(Momentum)}·batch, with the unbiased variance");
        if (Inner(context.InputShape(0)) == 1)
            w.Line($"    global::Precast.Guard.BatchStatistics(batch, \"{context.Model.Spec.ClassName}\", \"{context.Display}\");");
        w.Line($"    global::Precast.Kernels.BatchNorm.ForwardTraining<{t}>({x}, {gamma}, {beta}, {y}, {context.Buffer("Saved")}, {mean}, {variance}, {Sizes(context)}, " +
            $"momentum: {context.Literal(Momentum)}, epsilon: {context.Literal(Epsilon)});");
        w.Line($"    {context.State("num_batches_tracked")}[0]++;");
        w.Line("}");
        w.Line("else");
        w.Line("{");
        w.Line("    // inference: the running statistics");
        w.Line($"    global::Precast.Kernels.BatchNorm.ForwardInference<{t}>({x}, {gamma}, {beta}, {y}, {mean}, {variance}, {Sizes(context)}, epsilon: {context.Literal(Epsilon)});");
        w.Line("}");
    }

    public override void EmitBackward(NodeEmitContext context)
    {
        var w = context.Writer;
        string t = context.T;
        string x = context.Input(0), dy = context.OutputGradient, gamma = context.Parameter("weight");
        string dx = context.NeedsInputGradient(0) ? context.InputGradient(0) : "default";
        string gradients = $"{context.ParameterGradient("weight")}, {context.ParameterGradient("bias")}";
        w.Line($"// dβ += Σ dy, dγ += Σ dy·x̂{(context.NeedsInputGradient(0) ? $"; dx {(context.Accumulates(0) == "true" ? "+=" : "=")} (γ/√(σ² + ε))·(dy − mean(dy) − x̂·mean(dy·x̂)) with the batch's statistics, or γ/√(σ² + ε)·dy with the running ones" : "")}");
        w.Line("if (training)");
        w.Line($"    global::Precast.Kernels.BatchNorm.Backward<{t}>({x}, {context.Buffer("Saved")}, {gamma}, {dy}, {dx}, {gradients}, {Sizes(context)}, accumulate: {context.Accumulates(0)});");
        w.Line("else");
        w.Line($"    global::Precast.Kernels.BatchNorm.BackwardInference<{t}>({x}, {gamma}, {context.State("running_mean")}, {context.State("running_var")}, {dy}, {dx}, {gradients}, " +
            $"{Sizes(context)}, epsilon: {context.Literal(Epsilon)}, accumulate: {context.Accumulates(0)});");
    }
}
