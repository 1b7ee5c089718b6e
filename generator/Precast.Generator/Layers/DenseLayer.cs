using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Precast.Generator.Emission;
using Precast.Generator.Model;
using Precast.Generator.Parsing;

namespace Precast.Generator.Layers;

/// <summary>
/// [Dense(units)]: y = x·Wᵀ + b with W [units, inputs] (PyTorch's nn.Linear layout) and b [units].
/// Forward and backward are three matrix products over the batch; the kernels live in
/// Precast.Kernels.Gemm, the sizes here are literals.
/// </summary>
internal sealed record DenseLayer(string Name, SourceSpan? Location, int Units, bool HasBias, Initializer Initializer)
    : LayerSpec(Name, Location)
{
    public static LayerSpec Parse(AttributeData attribute, string name, SourceSpan? location) =>
        new DenseLayer(
            name,
            location,
            AttributeReader.Constructor(attribute, 0, 0),
            AttributeReader.Named(attribute, "Bias", true),
            (Initializer)AttributeReader.Named(attribute, "Initializer", 0));

    public override string Kind => "Dense";

    public override string Formula => HasBias ? "y = x·Wᵀ + b" : "y = x·Wᵀ";

    public override BackwardInputs BackwardReads => BackwardInputs.Input;

    public override Shape? InferShape(Shape input, ShapeContext context)
    {
        if (Units < 1)
            return context.Report(Diagnostics.Descriptors.NonPositiveSize, Location, "Units", Display, Units);
        if (!System.Enum.IsDefined(typeof(Initializer), Initializer))
            return context.Invalid(Location, "Initializer", Display, (int)Initializer, $"it must be one of {EnumNames.List<Initializer>()}");
        if (input.Rank != 1)
            return context.Report(Diagnostics.Descriptors.NeedsVectorInput, Location, Display, context.Producer, input.ToString());
        if ((long)input[0] * Units > Limits.MaxArrayLength)
        {
            return context.Report(Diagnostics.Descriptors.SizeTooLarge, Location,
                $"The weight matrix of {Display} ([{Units}, {input[0]}])", (long)input[0] * Units);
        }
        return Shape.Vector(Units);
    }

    public override IEnumerable<ParameterSpec> GetParameters(Shape input, Shape output)
    {
        yield return new ParameterSpec("weight", new Shape(new[] { Units, input[0] }), "W: row o holds the weights of output o");
        if (HasBias)
            yield return new ParameterSpec("bias", Shape.Vector(Units), "b: the bias of each output");
    }

    public override void EmitInitialization(LayerEmitContext context)
    {
        int fanIn = context.InputLength;
        string weights = context.ParameterView("weight");
        string rng = "ref _rng";
        Initializer initializer = ResolveInitializer(context.NextLayer);
        string reason = Initializer == Initializer.Auto && context.NextLayer is { } next ? $", as it feeds {next.Display}" : "";
        context.Writer.Line($"// {Display}: {Describe(initializer)} weights{reason}{(HasBias ? "; biases start at zero" : "")}.");
        switch (initializer)
        {
            case Initializer.HeUniform:
                context.Writer.Line($"global::Precast.Initializers.HeUniform<{context.T}>({weights}, fanIn: {fanIn}, {rng});");
                break;
            case Initializer.HeNormal:
                context.Writer.Line($"global::Precast.Initializers.HeNormal<{context.T}>({weights}, fanIn: {fanIn}, {rng});");
                break;
            case Initializer.GlorotNormal:
                context.Writer.Line($"global::Precast.Initializers.GlorotNormal<{context.T}>({weights}, fanIn: {fanIn}, fanOut: {Units}, {rng});");
                break;
            default:
                context.Writer.Line($"global::Precast.Initializers.GlorotUniform<{context.T}>({weights}, fanIn: {fanIn}, fanOut: {Units}, {rng});");
                break;
        }
    }

    private static string Describe(Initializer initializer) => initializer switch
    {
        Initializer.HeUniform => "He uniform",
        Initializer.HeNormal => "He normal",
        Initializer.GlorotNormal => "Glorot normal",
        _ => "Glorot uniform",
    };

    /// <summary>
    /// Auto picks He for layers feeding a rectifier (it keeps the variance of ReLU outputs
    /// steady) and Glorot otherwise (it suits symmetric activations and the logits).
    /// </summary>
    public Initializer ResolveInitializer(LayerSpec? next) => Initializer switch
    {
        Initializer.Auto when next is ReluLayer or LeakyReluLayer or GeluLayer => Initializer.HeUniform,
        Initializer.Auto => Initializer.GlorotUniform,
        _ => Initializer,
    };

    public override void EmitForward(LayerEmitContext context)
    {
        var w = context.Writer;
        int inputs = context.InputLength;
        string t = context.T;
        w.Line($"// y[n, o] = {(HasBias ? "b[o] + " : "")}Σ_i x[n, i]·W[o, i]    for n < batch, o < {Units}, i < {inputs}");
        if (HasBias)
        {
            w.Line("// Start every row of y from the bias, then add x·Wᵀ on top of it.");
            w.Line($"global::Precast.Kernels.Rows.Broadcast<{t}>({context.ParameterView("bias")}, y, batch, {Units});");
        }
        w.Line($"global::Precast.Kernels.Gemm.MultiplyTransposedB<{t}>(x, {context.ParameterView("weight")}, y, batch, {Units}, {inputs}, accumulate: {(HasBias ? "true" : "false")});");
    }

    public override void EmitBackward(LayerEmitContext context)
    {
        var w = context.Writer;
        int inputs = context.InputLength;
        string t = context.T;
        w.Line($"// dW[o, i] += Σ_n dy[n, o]·x[n, i]: dyᵀ·x, [{Units}, batch]·[batch, {inputs}]");
        w.Line($"global::Precast.Kernels.Gemm.MultiplyTransposedA<{t}>(dy, x, {context.GradientView("weight")}, {Units}, {inputs}, batch, accumulate: true);");
        if (HasBias)
        {
            w.Line("// db[o] += Σ_n dy[n, o]");
            w.Line($"global::Precast.Kernels.Rows.AccumulateSums<{t}>(dy, {context.GradientView("bias")}, batch, {Units});");
        }
        if (context.NeedsInputGradient)
        {
            w.Line($"// dx[n, i] = Σ_o dy[n, o]·W[o, i]: dy·W, [batch, {Units}]·[{Units}, {inputs}]");
            w.Line($"global::Precast.Kernels.Gemm.Multiply<{t}>(dy, {context.ParameterView("weight")}, dx, batch, {inputs}, {Units}, accumulate: false);");
        }
    }

    public override bool UsesBatch => true;
}
