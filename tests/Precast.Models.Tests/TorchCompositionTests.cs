using System.Text.Json;
using Precast.Models.Tests.Models;
using static Precast.Models.Tests.TorchFixture;

namespace Precast.Models.Tests;

/// <summary>
/// Networks built from blocks (residual, concat, sum, scale, highway, repeat, nested) through the
/// code the generator emits, against the same networks as PyTorch modules:
/// tests/fixtures/torch_compositions.py writes compositions.json, and each of its cases runs here on
/// the matching model of <c>TorchCompositionModels.cs</c>, with every parameter loaded and every
/// gradient read by its state_dict name through <see cref="ModelTensors"/>.
/// </summary>
public sealed class TorchCompositionTests
{
    private const int Batch = 3;

    private static readonly TorchFixture Fixture = new("compositions.json", "torch_compositions.py");

    // Each fixture case and the check that runs it; EveryFixtureCaseIsChecked keeps the two lists equal.
    private static readonly Dictionary<string, Action<string>> Checks = new()
    {
        ["residual"] = name => { var model = new TorchResidual(Batch); CheckNetwork(model, name, () => model.InputGradient); },
        ["residual_projection"] = name => { var model = new TorchResidualProjection(Batch); CheckNetwork(model, name, () => model.InputGradient); },
        ["concat_named"] = name => { var model = new TorchConcatNamed(Batch); CheckNetwork(model, name, () => model.InputGradient); },
        ["concat_indexed"] = name => { var model = new TorchConcatIndexed(Batch); CheckNetwork(model, name, () => model.InputGradient); },
        ["sum_three"] = name => { var model = new TorchSumThree(Batch); CheckNetwork(model, name, () => model.InputGradient); },
        ["scale_channels"] = name => { var model = new TorchScaleChannels(Batch); CheckNetwork(model, name, () => model.InputGradient); },
        ["highway"] = name => { var model = new TorchHighway(Batch); CheckNetwork(model, name, () => model.InputGradient); },
        ["repeat_residual"] = name => { var model = new TorchRepeatResidual(Batch); CheckNetwork(model, name, () => model.InputGradient); },
        ["nested_residual_concat"] = name => { var model = new TorchNestedResidualConcat(Batch); CheckNetwork(model, name, () => model.InputGradient); },
        ["dense_last_axis"] = name => { var model = new TorchDenseLastAxis(Batch); CheckNetwork(model, name, () => model.InputGradient); },
        ["residual_mlp_cross_entropy"] = name => { var model = new TorchResidualClassifier(Batch); CheckLoss(model, name, () => model.InputGradient); },
    };

    /// <summary>The fixture's case names, one test each.</summary>
    public static TheoryData<string> CaseNames => new(Checks.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesPyTorch(string caseName) => Checks[caseName](caseName);

    [Fact]
    public void EveryFixtureCaseIsChecked() =>
        Assert.Equal(Fixture.CaseNames.Order(), Checks.Keys.Order());

    /// <summary>
    /// A network without a loss: y = Forward(x), then Backward(G) with the fixture's upstream
    /// gradient, so dx and the parameter gradients are those of sum(y * G).
    /// </summary>
    private static void CheckNetwork(IModel<float> model, string name, Func<ReadOnlySpan<float>> inputGradient)
    {
        JsonElement fixture = Fixture.Case(name);
        JsonElement[] tensors = LoadParameters(model, fixture, name);

        AssertClose(name, "y", OutputShape(model), Values(fixture, "y", ReadFloat), model.Forward(Values(fixture, "x", ReadFloat)));
        model.ZeroGradients();
        model.Backward(Values(fixture, "upstream", ReadFloat));
        AssertClose(name, "dx", InputShape(model), Values(fixture, "dx", ReadFloat), inputGradient());
        AssertGradients(model, tensors, name);
    }

    /// <summary>
    /// A network with softmax cross-entropy: the logits of Forward, the mean loss of ComputeLoss, then
    /// every parameter gradient and the input gradient of Backward, as loss.backward() gives them.
    /// </summary>
    private static void CheckLoss(ITrainable<float, int> model, string name, Func<ReadOnlySpan<float>> inputGradient)
    {
        JsonElement fixture = Fixture.Case(name);
        JsonElement[] tensors = LoadParameters(model, fixture, name);

        AssertClose(name, "logits", OutputShape(model), Values(fixture, "logits", ReadFloat), model.Forward(Values(fixture, "x", ReadFloat)));
        model.ZeroGradients();
        float loss = model.ComputeLoss(Values(fixture, "targets", ReadInt));
        AssertClose(name, "loss", [], [ReadFloat(fixture.GetProperty("value"))], [loss]);
        model.Backward();
        AssertClose(name, "dx", InputShape(model), Values(fixture, "dx", ReadFloat), inputGradient());
        AssertGradients(model, tensors, name);
    }

    /// <summary>
    /// Checks that the model's checkpoint tensors and torch's state_dict are the same set of names
    /// with the same shapes, and that the sample shapes agree; then copies every fixture parameter
    /// into the model by name. Returns the fixture's parameter entries.
    /// </summary>
    private static JsonElement[] LoadParameters(IModel<float> model, JsonElement fixture, string name)
    {
        JsonElement[] tensors = [.. fixture.GetProperty("parameters").EnumerateArray()];
        string[] torchNames = [.. tensors.Select(t => $"{t.GetProperty("name").GetString()} {ShapeText.Format(Values(t, "shape", ReadInt))}")];
        string[] precastNames = [.. model.ParameterTensors.Select(t => $"{t.Name} {t.ShapeText}")];
        string[] onlyTorch = [.. torchNames.Except(precastNames)];
        string[] onlyPrecast = [.. precastNames.Except(torchNames)];
        Assert.True(onlyTorch.Length == 0 && onlyPrecast.Length == 0 && torchNames.Length == precastNames.Length,
            $"{name}: torch's state_dict and {model.ModelName}'s ParameterTensors differ; only in torch: [{string.Join(", ", onlyTorch)}]; " +
            $"only in Precast: [{string.Join(", ", onlyPrecast)}]");

        int[] inputShape = Values(fixture, "input_shape", ReadInt);
        int[] outputShape = Values(fixture, "output_shape", ReadInt);
        Assert.True(inputShape.AsSpan().SequenceEqual(model.InputShape) && outputShape.AsSpan().SequenceEqual(model.OutputShape),
            $"{name}: torch maps {ShapeText.Format(inputShape)} to {ShapeText.Format(outputShape)}, " +
            $"{model.ModelName} {ShapeText.Format(model.InputShape)} to {ShapeText.Format(model.OutputShape)}");

        foreach (JsonElement tensor in tensors)
            Values(tensor, "value", ReadFloat).CopyTo(model.Parameter(tensor.GetProperty("name").GetString()!));
        return tensors;
    }

    private static void AssertGradients(IModel<float> model, JsonElement[] tensors, string name)
    {
        foreach (JsonElement tensor in tensors)
        {
            string tensorName = tensor.GetProperty("name").GetString()!;
            AssertClose(name, $"d{tensorName}", Values(tensor, "shape", ReadInt), Values(tensor, "gradient", ReadFloat), model.Gradient(tensorName));
        }
    }

    private static int[] InputShape(IModel<float> model) => [Batch, .. model.InputShape];

    private static int[] OutputShape(IModel<float> model) => [Batch, .. model.OutputShape];
}
