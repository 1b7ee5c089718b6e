using Precast.Models.Tests.Models;

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

    private static void CheckNetwork(IModel<float> model, string name, Func<ReadOnlySpan<float>> inputGradient) =>
        TorchModelChecks.CheckNetwork(model, Fixture.Case(name), name, inputGradient);

    private static void CheckLoss(ITrainable<float, int> model, string name, Func<ReadOnlySpan<float>> inputGradient) =>
        TorchModelChecks.CheckLoss(model, Fixture.Case(name), name, inputGradient);
}
