using System.Text.Json;
using Precast.Models.Tests.Models;
using static Precast.Models.Tests.TorchFixture;
using ParameterView = (string Name, System.Func<System.Span<float>> Value, System.Func<System.Span<float>> Gradient);

namespace Precast.Models.Tests;

/// <summary>
/// Every layer kind, and the fused training step with every loss, through the code the generator
/// emits, against PyTorch: tests/fixtures/torch_layers.py writes layers.json, and each of its cases
/// runs here on the matching model of <c>TorchReferenceModels.cs</c> with the fixture's parameters
/// set through the model's named views.
/// </summary>
public sealed class TorchReferenceTests
{
    private const int Batch = 3;

    private static readonly TorchFixture Fixture = new("layers.json", "torch_layers.py");

    // Each fixture case and the check that runs it; EveryFixtureCaseIsChecked keeps the two lists equal.
    private static readonly Dictionary<string, Action<string>> Checks = new()
    {
        ["dense_7x5"] = name =>
        {
            var model = new TorchDense(Batch);
            CheckLayer(model, name, () => model.InputGradient,
                ("Layer.weight", () => model.LayerWeight, () => model.LayerWeightGradient),
                ("Layer.bias", () => model.LayerBias, () => model.LayerBiasGradient));
        },
        ["dense_7x5_no_bias"] = name =>
        {
            var model = new TorchDenseWithoutBias(Batch);
            CheckLayer(model, name, () => model.InputGradient,
                ("Layer.weight", () => model.LayerWeight, () => model.LayerWeightGradient));
        },
        ["dense_37x19"] = name =>
        {
            var model = new TorchWideDense(Batch);
            CheckLayer(model, name, () => model.InputGradient,
                ("Layer.weight", () => model.LayerWeight, () => model.LayerWeightGradient),
                ("Layer.bias", () => model.LayerBias, () => model.LayerBiasGradient));
        },
        ["relu"] = name => { var model = new TorchRelu(Batch); CheckLayer(model, name, () => model.InputGradient); },
        ["leaky_relu_0.01"] = name => { var model = new TorchLeakyRelu(Batch); CheckLayer(model, name, () => model.InputGradient); },
        ["leaky_relu_0.2"] = name => { var model = new TorchSteepLeakyRelu(Batch); CheckLayer(model, name, () => model.InputGradient); },
        ["sigmoid"] = name => { var model = new TorchSigmoid(Batch); CheckLayer(model, name, () => model.InputGradient); },
        ["tanh"] = name => { var model = new TorchTanh(Batch); CheckLayer(model, name, () => model.InputGradient); },
        ["gelu"] = name => { var model = new TorchGelu(Batch); CheckLayer(model, name, () => model.InputGradient); },
        ["gelu_tanh"] = name => { var model = new TorchGeluTanh(Batch); CheckLayer(model, name, () => model.InputGradient); },
        ["softmax"] = name => { var model = new TorchSoftmax(Batch); CheckLayer(model, name, () => model.InputGradient); },
        ["flatten_2x3x2"] = name => { var model = new TorchFlatten(Batch); CheckLayer(model, name, () => model.InputGradient); },
        // torch's module.eval(): the identity, forward and backward.
        ["dropout_eval"] = name => { var model = new TorchDropout(Batch) { IsTraining = false }; CheckLayer(model, name, () => model.InputGradient); },
        ["mlp_cross_entropy"] = CheckCrossEntropy,
        ["mlp_bce_hard_targets"] = CheckBinaryCrossEntropy,
        ["mlp_bce_soft_targets"] = CheckBinaryCrossEntropy,
        ["mlp_mse"] = CheckMeanSquaredError,
    };

    /// <summary>The fixture's case names, one test each.</summary>
    public static TheoryData<string> CaseNames => new(Checks.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesPyTorch(string caseName) => Checks[caseName](caseName);

    [Fact]
    public void EveryFixtureCaseIsChecked() =>
        Assert.Equal(Fixture.CaseNames.Order(), Checks.Keys.Order());

    private static void CheckCrossEntropy(string name)
    {
        var model = new TorchMlpCrossEntropy(Batch);
        CheckTrainStep(model, name, ReadInt, () => model.InputGradient, MlpViews(
            () => model.HiddenWeight, () => model.HiddenWeightGradient, () => model.HiddenBias, () => model.HiddenBiasGradient,
            () => model.OutputWeight, () => model.OutputWeightGradient, () => model.OutputBias, () => model.OutputBiasGradient));
    }

    private static void CheckMeanSquaredError(string name)
    {
        var model = new TorchMlpMeanSquaredError(Batch);
        CheckTrainStep(model, name, ReadFloat, () => model.InputGradient, MlpViews(
            () => model.HiddenWeight, () => model.HiddenWeightGradient, () => model.HiddenBias, () => model.HiddenBiasGradient,
            () => model.OutputWeight, () => model.OutputWeightGradient, () => model.OutputBias, () => model.OutputBiasGradient));
    }

    private static void CheckBinaryCrossEntropy(string name)
    {
        var model = new TorchMlpBinaryCrossEntropy(Batch);
        CheckTrainStep(model, name, ReadFloat, () => model.InputGradient, MlpViews(
            () => model.HiddenWeight, () => model.HiddenWeightGradient, () => model.HiddenBias, () => model.HiddenBiasGradient,
            () => model.OutputWeight, () => model.OutputWeightGradient, () => model.OutputBias, () => model.OutputBiasGradient));
    }

    /// <summary>The views of the MLP that torch_layers.py trains with each loss: modules Hidden and Output.</summary>
    private static ParameterView[] MlpViews(
        Func<Span<float>> hiddenWeight, Func<Span<float>> hiddenWeightGradient, Func<Span<float>> hiddenBias, Func<Span<float>> hiddenBiasGradient,
        Func<Span<float>> outputWeight, Func<Span<float>> outputWeightGradient, Func<Span<float>> outputBias, Func<Span<float>> outputBiasGradient) =>
    [
        ("Hidden.weight", hiddenWeight, hiddenWeightGradient),
        ("Hidden.bias", hiddenBias, hiddenBiasGradient),
        ("Output.weight", outputWeight, outputWeightGradient),
        ("Output.bias", outputBias, outputBiasGradient),
    ];

    /// <summary>
    /// A layer on its own: y = Forward(x), then Backward(G) with the fixture's upstream gradient, so
    /// dx and the parameter gradients are those of sum(y * G).
    /// </summary>
    private static void CheckLayer(IModel<float> model, string name, Func<ReadOnlySpan<float>> inputGradient, params ParameterView[] views)
    {
        JsonElement fixture = Fixture.Case(name);
        SetParameters(model, fixture, name, views);
        int[] inputShape = [Batch, .. Values(fixture, "input_shape", ReadInt)];
        int[] outputShape = [Batch, .. model.OutputShape];

        AssertClose(name, "y", outputShape, Values(fixture, "y", ReadFloat), model.Forward(Values(fixture, "x", ReadFloat)));
        model.ZeroGradients();
        model.Backward(Values(fixture, "upstream", ReadFloat));
        AssertClose(name, "dx", inputShape, Values(fixture, "dx", ReadFloat), inputGradient());
        AssertParameterGradients(fixture, name, views);
    }

    /// <summary>
    /// A model with a loss: the logits of Forward, then the mean loss, every parameter gradient and
    /// the input gradient of one TrainStep, as loss.backward() gives them.
    /// </summary>
    private static void CheckTrainStep<TTarget>(
        ITrainable<float, TTarget> model, string name, Func<JsonElement, TTarget> readTarget,
        Func<ReadOnlySpan<float>> inputGradient, ParameterView[] views)
        where TTarget : unmanaged
    {
        JsonElement fixture = Fixture.Case(name);
        SetParameters(model, fixture, name, views);
        float[] inputs = Values(fixture, "x", ReadFloat);
        int[] inputShape = [Batch, .. Values(fixture, "input_shape", ReadInt)];

        AssertClose(name, "logits", [Batch, .. model.OutputShape], Values(fixture, "logits", ReadFloat), model.Forward(inputs));
        float loss = model.TrainStep(inputs, Values(fixture, "targets", readTarget));
        AssertClose(name, "loss", [], [ReadFloat(fixture.GetProperty("value"))], [loss]);
        AssertParameterGradients(fixture, name, views);
        AssertClose(name, "dx", inputShape, Values(fixture, "dx", ReadFloat), inputGradient());
    }

    /// <summary>
    /// Copies the fixture's parameters into the named views, after checking that the model's
    /// checkpoint tensors are torch's state_dict entries (same names, shapes and order) and that each
    /// view is the slice of Parameters and Gradients its checkpoint entry says.
    /// </summary>
    private static void SetParameters(IModel<float> model, JsonElement fixture, string name, ParameterView[] views)
    {
        JsonElement[] tensors = [.. fixture.GetProperty("parameters").EnumerateArray()];
        Assert.Equal(
            tensors.Select(t => $"{t.GetProperty("name").GetString()} {ShapeText.Format(Values(t, "shape", ReadInt))}"),
            model.ParameterTensors.Select(t => $"{t.Name} {t.ShapeText}"));
        Assert.Equal(tensors.Length, views.Length);

        foreach (ParameterView view in views)
        {
            ParameterTensor tensor = model.ParameterTensors.Single(t => t.Name == view.Name);
            Assert.True(model.Parameters.Overlaps(view.Value(), out int offset) && offset == tensor.Offset && view.Value().Length == tensor.Length,
                $"{name}: the view of {view.Name} is not Parameters[{tensor.Offset}..{tensor.Offset + tensor.Length})");
            Assert.True(model.Gradients.Overlaps(view.Gradient(), out offset) && offset == tensor.Offset && view.Gradient().Length == tensor.Length,
                $"{name}: the gradient view of {view.Name} is not Gradients[{tensor.Offset}..{tensor.Offset + tensor.Length})");
            Values(Tensor(tensors, view.Name), "value", ReadFloat).CopyTo(view.Value());
        }
    }

    private static void AssertParameterGradients(JsonElement fixture, string name, ParameterView[] views)
    {
        JsonElement[] tensors = [.. fixture.GetProperty("parameters").EnumerateArray()];
        foreach (ParameterView view in views)
        {
            JsonElement tensor = Tensor(tensors, view.Name);
            AssertClose(name, $"d{view.Name}", Values(tensor, "shape", ReadInt), Values(tensor, "gradient", ReadFloat), view.Gradient());
        }
    }
}
