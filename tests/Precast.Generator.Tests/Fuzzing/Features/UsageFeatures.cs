namespace Precast.Generator.Tests.Fuzzing.Features;

/// <summary>
/// Code that uses a model the way an application does: construct it, run it, train it. Only calls
/// members the declaration implies: TrainStep only with a loss, int labels only for
/// SoftmaxCrossEntropy, InputGradient only when asked for, float or double as declared. At
/// <see cref="UsageLevel.Surface"/> (a model whose network has a Precast error) it calls only what
/// does not depend on the broken part.
/// </summary>
internal static class UsageFeatures
{
    /// <summary>A static class named <paramref name="className"/> whose Run method uses the model named <paramref name="type"/>.</summary>
    /// <param name="importsPrecast">The file has <c>using Precast;</c>, so extension methods such as Parameter can be called as such.</param>
    public static List<string> Write(FuzzContext ctx, ModelDraft model, string type, string className, bool importsPrecast)
    {
        var lines = new List<string> { $"internal static class {className}", "{" };
        if (model.IsAbstract)
        {
            lines.AddRange([$"    private sealed class Concrete : {type}", "    {", "        public Concrete()", "            : base(4, seed: 1)", "        {", "        }", "    }", ""]);
        }
        lines.Add("    internal static void Run()");
        lines.Add("    {");
        foreach (string statement in model.Usage == UsageLevel.Full ? Full(ctx, model, type, importsPrecast) : Surface(ctx, model, type))
            lines.Add("        " + statement);
        lines.Add("    }");
        lines.Add("}");
        return lines;
    }

    private static string Construct(FuzzContext ctx, ModelDraft model, string type) => model.IsAbstract
        ? $"{type} instance = new Concrete();"
        : ctx.Pick(
            $"{type} instance = new {type}(4, seed: 1);",
            $"{type} instance = new {type}(maxBatch: 4);",
            $"{type} instance = new {type}(4, 7UL);",
            $"{type} instance = new(4, seed: 2);");

    private static IEnumerable<string> Full(FuzzContext ctx, ModelDraft model, string type, bool importsPrecast)
    {
        NetworkDraft net = model.Network;
        string t = net.ElementType!;
        yield return Construct(ctx, model, type);
        yield return $"{t}[] inputs = new {t}[4 * {type}.InputSize];";
        yield return $"global::System.ReadOnlySpan<{t}> outputs = instance.Forward(inputs);";
        yield return $"{t}[] predictions = new {t}[4 * {type}.OutputSize];";
        yield return "instance.Predict(inputs, predictions);";
        yield return "string summary = instance.Summary();";
        yield return "instance.ZeroGradients();";
        yield return $"int values = instance.Parameters.Length + instance.Gradients.Length + {type}.ParameterCount + instance.MaxBatch;";
        yield return $"global::System.ReadOnlySpan<int> inputShape = {type}.InputShape;";
        yield return $"global::System.ReadOnlySpan<int> outputShape = {type}.OutputShape;";
        yield return "instance.IsTraining = false;";
        yield return "global::System.Collections.Generic.IReadOnlyList<global::Precast.ParameterTensor> tensors = instance.ParameterTensors;";
        yield return $"instance.Backward(new {t}[4 * {type}.OutputSize]);";
        yield return $"global::Precast.IModel<{t}> asModel = instance;";
        switch (net.LossKind)
        {
            case LossKind.SoftmaxCrossEntropy:
                yield return "int[] labels = new int[4];";
                yield return $"{t} loss = instance.TrainStep(inputs, labels);";
                yield return "instance.Forward(inputs);";
                yield return $"{t} again = instance.ComputeLoss(labels);";
                yield return "instance.Backward();";
                yield return $"int predicted = instance.PredictClass(new {t}[{type}.InputSize]);";
                yield return "instance.PredictClasses(inputs, new int[4]);";
                yield return $"global::Precast.ITrainable<{t}, int> trainable = instance;";
                break;
            case LossKind { } _:
                yield return $"{t}[] targets = new {t}[4 * {type}.OutputSize];";
                yield return $"{t} loss = instance.TrainStep(inputs, targets);";
                yield return "instance.Forward(inputs);";
                yield return $"{t} again = instance.ComputeLoss(targets);";
                yield return "instance.Backward();";
                yield return $"global::Precast.ITrainable<{t}, {t}> trainable = instance;";
                break;
        }
        if (net.InputGradient)
            yield return $"global::System.ReadOnlySpan<{t}> inputGradient = instance.InputGradient;";
        // Tensors by their checkpoint names, deep inside blocks included: only names the shape oracle says exist.
        if (model.Facts is { IsValid: true } facts && facts.Parameters.Count > 0 && ctx.Chance(0.7))
        {
            int n = 0;
            foreach (TensorName tensor in facts.Parameters.OrderBy(_ => ctx.Random.Next()).Take(ctx.Between(1, 2)))
            {
                string name = NetworkFeatures.Quote(tensor.Name);
                string method = ctx.Chance(0.7) ? "Parameter" : "Gradient";
                n++;
                yield return importsPrecast && ctx.Chance(0.6)
                    ? $"global::System.Span<{t}> tensor{n} = instance.{method}({name});"
                    : $"global::System.Span<{t}> tensor{n} = global::Precast.ModelTensors.{method}(instance, {name});";
            }
        }
        if (t == "float" && ctx.Chance(0.3))
        {
            yield return "global::Precast.Optimizers.Adam<float> adam = new global::Precast.Optimizers.Adam<float>(instance, new() { LearningRate = 1e-3 });";
            yield return "adam.Step();";
        }
    }

    private static IEnumerable<string> Surface(FuzzContext ctx, ModelDraft model, string type)
    {
        NetworkDraft net = model.Network;
        yield return Construct(ctx, model, type);
        yield return "string summary = instance.Summary();";
        yield return "instance.ZeroGradients();";
        yield return "int count = instance.Parameters.Length;";
        if (net.ElementType is not { } t)
            yield break;
        yield return $"{t}[] inputs = new {t}[{(net.InputKnown ? $"4 * {type}.InputSize" : "8")}];";
        yield return "instance.Forward(inputs);";
        yield return $"instance.Predict(inputs, new {t}[8]);";
        if (net.LossKind == LossKind.SoftmaxCrossEntropy)
            yield return $"{t} loss = instance.TrainStep(inputs, new int[4]);";
        else if (net.LossKind is not null)
            yield return $"{t} loss = instance.TrainStep(inputs, new {t}[8]);";
    }
}
